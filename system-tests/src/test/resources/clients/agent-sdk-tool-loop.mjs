// A tool loop through the Claude Agent SDK, which drives Claude Code programmatically.
// Usage: CLAUDE_BIN=... MODEL=alias PROJECT=dir node agent-sdk-tool-loop.mjs whole|partial
// (ANTHROPIC_BASE_URL and the rest come from the environment.) Prints one JSON line.
import { query } from '@anthropic-ai/claude-agent-sdk';

const partial = process.argv[2] === 'partial';
const out = { assistantMessages: 0, streamEvents: 0, toolResults: [], result: null, errors: [] };
try {
  for await (const message of query({
    prompt: process.env.PROMPT,
    options: {
      pathToClaudeCodeExecutable: process.env.CLAUDE_BIN,
      model: process.env.MODEL,
      cwd: process.env.PROJECT,
      allowedTools: ['Bash'],
      permissionMode: 'acceptEdits',
      includePartialMessages: partial,
      maxTurns: 4,
      env: { ...process.env },
    },
  })) {
    if (message.type === 'stream_event') out.streamEvents++;
    if (message.type === 'assistant') out.assistantMessages++;
    if (message.type === 'user' && Array.isArray(message.message?.content)) {
      for (const block of message.message.content) {
        if (block.type === 'tool_result') out.toolResults.push(typeof block.content === 'string' ? block.content : JSON.stringify(block.content));
      }
    }
    if (message.type === 'result') out.result = { subtype: message.subtype, is_error: message.is_error, result: message.result, num_turns: message.num_turns };
  }
} catch (e) {
  out.errors.push(String(e?.stack ?? e));
}
console.log(JSON.stringify(out));
