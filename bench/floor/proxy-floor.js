// proxy-floor.js: the lightest streaming proxy this machine can run, for comparison with the router.
// One Node event loop (no thread hand-offs at all), keep-alive upstream, Anthropic SSE out. It
// understands only the shared bench's text streams, so it belongs to bench/, not to the product.
// What it adds to the bench's first delta is what one extra loopback hop costs on this machine,
// whatever the proxy is written in.
//
//   node bench/floor/proxy-floor.js [port]        (default 8091; backend ../shared/bench on :19001)
//   ../shared/bench/run.sh http://127.0.0.1:8091 node-floor
'use strict';
const http = require('http');

const PORT = parseInt(process.argv[2] || '8091', 10);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const frame = (event, data) => `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

function relay(body, res) {
  const at = body.indexOf('[[fake');
  const directive = at < 0 ? '' : body.slice(at, body.indexOf(']]', at) + 2);
  const upstream = JSON.stringify({ model: 'm', stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'go ' + directive }] });
  const req = http.request({ host: '127.0.0.1', port: 19001, path: '/v1/chat/completions', method: 'POST', agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(upstream) } }, (up) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let out = frame('message_start', { type: 'message_start', message: { id: 'msg_floor', type: 'message', role: 'assistant',
      model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 0 } } })
      + frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    let pending = ''; let deltas = 0;
    up.setEncoding('utf8');
    up.on('data', (chunk) => {
      pending += chunk;
      for (let end; (end = pending.indexOf('\n\n')) >= 0;) {
        const line = pending.slice(0, end); pending = pending.slice(end + 2);
        if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
        const choice = (JSON.parse(line.slice(6)).choices || [])[0];
        if (choice && choice.delta && choice.delta.content) {
          deltas++;
          out += frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: choice.delta.content } });
        }
      }
      res.write(out); out = ''; // one write per upstream read, as the router flushes
    });
    up.on('end', () => res.end(frame('content_block_stop', { type: 'content_block_stop', index: 0 })
      + frame('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: deltas } })
      + frame('message_stop', { type: 'message_stop' })));
  });
  req.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
  req.end(upstream);
}

http.createServer((req, res) => {
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => relay(Buffer.concat(parts).toString('utf8'), res));
}).listen(PORT, '127.0.0.1', () => console.log(`proxy floor (node) on 127.0.0.1:${PORT}`));
