package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Plays one normalized script entry (see {@link Entries}): an optional delay, the status and headers,
 * then the body. SSE frames are written and flushed one by one, each after its delay, so a client
 * reading the stream sees them arrive apart.
 *
 * <p>Disconnect detection: the JDK server only learns that the client left when a write fails. So
 * while it waits between frames (or stalls after the last one) the fake writes the SSE comment
 * {@code ": keep-alive\n\n"} every {@code keepAliveMs} (100 ms by default), which every SSE client
 * ignores; the second write after the client left fails, and a {@code client_closed} event is
 * recorded within about 200 ms. Comments are only written at frame boundaries (never inside a
 * {@code raw} frame split on purpose), and {@code "keepAliveMs": 0} turns them off for a byte-silent
 * upstream; a departure is then noticed at the next frame only.
 */
final class Responder {

    /** Thrown to make the JDK server drop the connection without ending the response. */
    static final class Drop extends IOException {
        private static final long serialVersionUID = 1L;

        Drop() {
            super("fake-openai drops the connection on purpose");
        }
    }

    static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final Journal journal;

    Responder(ObjectMapper json, Journal journal) {
        this.json = json;
        this.journal = journal;
    }

    void play(HttpExchange exchange, JsonNode entry, String model) throws IOException {
        sleep(entry.path("delayMs").asLong(0));
        if (entry.path("dropBeforeHeaders").asBoolean(false)) {
            journal.event("dropped", model, exchange.getRequestURI().getPath(), 0, 0);
            throw new Drop();
        }
        int status = entry.path("status").asInt(200);
        Headers headers = exchange.getResponseHeaders();
        entry.path("headers").properties().forEach(h -> {
            if (h.getValue().isArray()) {
                h.getValue().forEach(v -> headers.add(h.getKey(), v.asText()));
            } else {
                headers.add(h.getKey(), h.getValue().asText());
            }
        });
        if (entry.has("sse")) {
            stream(exchange, entry, status, model);
            return;
        }
        byte[] body;
        if (entry.has("json")) {
            body = json.writeValueAsBytes(entry.get("json"));
            headers.putIfAbsent("Content-Type", java.util.List.of("application/json"));
        } else {
            body = entry.path("text").asText("").getBytes(StandardCharsets.UTF_8);
            if (body.length > 0) {
                headers.putIfAbsent("Content-Type", java.util.List.of("text/plain; charset=utf-8"));
            }
        }
        String encoding = entry.path("contentEncoding").asText(null);
        if (encoding != null) {
            headers.set("Content-Encoding", encoding);
            body = Encodings.encode(encoding, body);
        }
        if (entry.has("bodyDelayMs")) {
            delayedBody(exchange, entry, status, body, model);
            return;
        }
        if (entry.has("truncateAfterBytes")) {
            int sent = Math.min(body.length, entry.get("truncateAfterBytes").asInt());
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body, 0, sent);
            exchange.getResponseBody().flush();
            journal.event("dropped", model, exchange.getRequestURI().getPath(), 0, 0);
            throw new Drop();
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /**
     * Headers at once, the body after {@code bodyDelayMs}, a space every {@code keepAliveMs} until
     * then: a slow whole answer whose client's departure the fake notices (as {@code client_closed}).
     */
    private void delayedBody(HttpExchange exchange, JsonNode entry, int status, byte[] body, String model)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            exchange.sendResponseHeaders(status, 0);
            OutputStream out = exchange.getResponseBody();
            out.flush();
            long every = entry.path("keepAliveMs").asLong(Entries.DEFAULT_KEEP_ALIVE_MS);
            long end = System.nanoTime() + entry.path("bodyDelayMs").asLong() * 1_000_000;
            while (System.nanoTime() < end) {
                sleepNanos(Math.min(end - System.nanoTime(), Math.max(1, every) * 1_000_000));
                if (every > 0) {
                    out.write(' ');
                    out.flush();
                }
            }
            out.write(body);
        } catch (IOException clientGone) {
            journal.event("client_closed", model, path, 0, 1);
            throw clientGone;
        }
        journal.event("completed", model, path, 1, 1);
    }

    private void stream(HttpExchange exchange, JsonNode entry, int status, String model) throws IOException {
        exchange.getResponseHeaders().putIfAbsent("Content-Type", java.util.List.of("text/event-stream"));
        exchange.getResponseHeaders().putIfAbsent("Cache-Control", java.util.List.of("no-cache"));
        String encoding = entry.path("contentEncoding").asText(null);
        if (encoding != null) {
            exchange.getResponseHeaders().set("Content-Encoding", encoding);
        }
        String path = exchange.getRequestURI().getPath();
        JsonNode frames = entry.get("sse");
        int drop = entry.has("dropAfterFrames") ? entry.get("dropAfterFrames").asInt() : -1;
        long keepAlive = entry.path("keepAliveMs").asLong(Entries.DEFAULT_KEEP_ALIVE_MS);
        int written = 0;
        String tail = "\n\n"; // the last bytes written: keep-alive comments go only where a frame ended
        try {
            exchange.sendResponseHeaders(status, 0);
            OutputStream out = Encodings.streaming(encoding, exchange.getResponseBody());
            out.flush(); // the status line and headers go out now, before the first frame's delay
            for (JsonNode frame : frames) {
                if (written == drop) {
                    break;
                }
                waitKeepingAlive(out, frame.path("delayMs").asLong(0), atBoundary(tail) ? keepAlive : 0);
                String raw = frame.get("raw").asText();
                out.write(raw.getBytes(StandardCharsets.UTF_8));
                out.flush();
                written++;
                tail = (tail + raw).substring(Math.max(0, tail.length() + raw.length() - 4));
            }
            waitKeepingAlive(out, entry.path("stallMs").asLong(0), atBoundary(tail) ? keepAlive : 0);
            if (drop >= 0) {
                journal.event("dropped", model, path, written, frames.size());
                throw new Drop();
            }
            if (encoding != null) {
                out.close(); // a compressed body ends with its trailer
            }
        } catch (Drop d) {
            throw d;
        } catch (IOException clientGone) {
            journal.event("client_closed", model, path, written, frames.size());
            throw clientGone;
        }
        journal.event("completed", model, path, written, frames.size());
    }

    static boolean atBoundary(String tail) {
        return tail.endsWith("\n\n") || tail.endsWith("\r\r") || tail.endsWith("\r\n\r\n");
    }

    /** Waits {@code millis}, writing a keep-alive comment every {@code every} ms (0: never). */
    private static void waitKeepingAlive(OutputStream out, long millis, long every) throws IOException {
        long end = System.nanoTime() + millis * 1_000_000;
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            sleepNanos(every > 0 ? Math.min(left, every * 1_000_000) : left);
            if (every > 0 && end - System.nanoTime() > 0) {
                out.write(KEEP_ALIVE);
                out.flush();
            }
        }
    }

    static void sleep(long millis) throws IOException {
        sleepNanos(millis * 1_000_000);
    }

    private static void sleepNanos(long nanos) throws IOException {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(java.time.Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("fake-openai is stopping", e);
        }
    }
}
