package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Plays one script entry: an optional delay, a status and headers, then a body given as
 * {@code json}, {@code text}, or server-sent frames ({@code sse}, {@code sseText},
 * {@code sseFile}) written and flushed one by one with their delays. {@code dropAfterFrames}
 * kills the connection mid-body, like a provider that crashes.
 */
final class Responder {

    /** Thrown to make the JDK server drop the connection without ending the chunked body. */
    static final class Drop extends IOException {
        private static final long serialVersionUID = 1L;

        Drop() {
            super("fake-openai drops the connection on purpose (dropAfterFrames)");
        }
    }

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final long KEEP_ALIVE_EVERY_MS = 100;

    private final ObjectMapper json;
    private final Journal journal;

    Responder(ObjectMapper json, Journal journal) {
        this.json = json;
        this.journal = journal;
    }

    void play(HttpExchange exchange, JsonNode entry, String model) throws IOException {
        sleep(entry.path("delayMs").asLong(0));
        int status = entry.path("status").asInt(200);
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText());
        }
        List<byte[]> frames = frames(entry);
        if (frames == null) {
            byte[] body = entry.has("json") ? json.writeValueAsBytes(entry.get("json"))
                    : entry.path("text").asText("").getBytes(StandardCharsets.UTF_8);
            if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", entry.has("json") ? "application/json" : "text/plain");
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        stream(exchange, entry, frames, status, model);
    }

    private void stream(HttpExchange exchange, JsonNode entry, List<byte[]> frames, int status, String model)
            throws IOException {
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        }
        exchange.sendResponseHeaders(status, 0);
        OutputStream out = exchange.getResponseBody();
        String path = exchange.getRequestURI().getPath();
        int drop = entry.path("dropAfterFrames").asInt(-1);
        List<Long> delays = delays(entry, frames.size());
        int written = 0;
        try {
            for (int i = 0; i < frames.size(); i++) {
                if (i == drop) {
                    throw new Drop();
                }
                waitKeepingAlive(out, delays.get(i));
                out.write(frames.get(i));
                out.flush();
                written++;
            }
            if (drop >= frames.size()) {
                throw new Drop();
            }
            waitKeepingAlive(out, entry.path("stallMs").asLong(0));
        } catch (Drop d) {
            journal.event("dropped", model, path, written);
            throw d;
        } catch (IOException clientGone) {
            journal.event("client_closed", model, path, written);
            throw clientGone;
        }
        journal.event("completed", model, path, written);
    }

    /**
     * Waits between frames, writing an SSE comment every 100 ms: an SSE client ignores it, and a
     * client that has gone away makes the write fail, so the fake notices a disconnect promptly.
     */
    private static void waitKeepingAlive(OutputStream out, long millis) throws IOException {
        long end = System.currentTimeMillis() + millis;
        long left;
        while ((left = end - System.currentTimeMillis()) > 0) {
            sleep(Math.min(left, KEEP_ALIVE_EVERY_MS));
            if (end - System.currentTimeMillis() > 0) {
                out.write(KEEP_ALIVE);
                out.flush();
            }
        }
    }

    private List<byte[]> frames(JsonNode entry) throws IOException {
        if (entry.has("sse")) {
            List<byte[]> frames = new ArrayList<>();
            for (JsonNode frame : entry.get("sse")) {
                String raw = frame.has("raw") ? frame.get("raw").asText() : "data: " + frame.path("data").asText() + "\n\n";
                frames.add(raw.getBytes(StandardCharsets.UTF_8));
            }
            return frames;
        }
        if (entry.has("sseText")) {
            return split(entry.get("sseText").asText());
        }
        if (entry.has("sseFile")) {
            return split(read(entry.get("sseFile").asText()));
        }
        return null;
    }

    private static List<Long> delays(JsonNode entry, int count) {
        List<Long> delays = new ArrayList<>(count);
        JsonNode sse = entry.get("sse");
        long each = entry.path("frameDelayMs").asLong(0);
        for (int i = 0; i < count; i++) {
            delays.add(sse != null ? sse.get(i).path("delayMs").asLong(each) : each);
        }
        return delays;
    }

    /** Splits raw SSE text into frames, each keeping its blank-line terminator (LF or CRLF). */
    static List<byte[]> split(String text) {
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int lf = text.indexOf("\n\n", start);
            int crlf = text.indexOf("\r\n\r\n", start);
            int end;
            if (lf < 0 && crlf < 0) {
                end = text.length();
            } else if (crlf >= 0 && (lf < 0 || crlf < lf)) {
                end = crlf + 4;
            } else {
                end = lf + 2;
            }
            String frame = text.substring(start, end);
            if (!frame.isBlank()) {
                frames.add(frame.getBytes(StandardCharsets.UTF_8));
            }
            start = end;
        }
        return frames;
    }

    private static String read(String location) throws IOException {
        Path file = Path.of(location);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        try (InputStream in = Responder.class.getResourceAsStream(location.startsWith("/") ? location : "/" + location)) {
            if (in == null) {
                throw new IOException("no such SSE file or resource: " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
