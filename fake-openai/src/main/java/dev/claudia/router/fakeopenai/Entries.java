package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks script entries when they are posted (so a typo fails the test that scripts it, not a later
 * request) and brings them to one form the {@link Responder} plays.
 *
 * <pre>{@code
 * entry := {
 *   "status": 200,                         // default 200
 *   "headers": {"Retry-After": "1"},       // values: string or array of strings
 *   "delayMs": 0,                          // before the status line
 *   "dropBeforeHeaders": false,            // true: close the connection without any answer
 *   -- at most one body form (none: empty body) --
 *   "json": <any JSON>,                    // sent as application/json
 *   "text": "raw body",                    // sent as is (text/plain unless a Content-Type header is given)
 *   "sse": [ {"data": "...", "event": "name", "delayMs": n, "repeat": n} | {"raw": "exact bytes", "delayMs": n, "repeat": n} | "..." (= data) ],
 *   "sseText": "data: a\n\ndata: b\n\n",   // a whole transcript, split into frames on blank lines
 *   "sseFile": "streams/x.chunks.txt",     // the same, from an absolute path or a classpath resource of the fake
 *   -- for the three SSE forms --
 *   "frameDelayMs": 0,                     // delay before each frame that has no delayMs of its own
 *   "dropAfterFrames": k,                  // write k frames (then wait stallMs), then cut the connection mid-body
 *   "stallMs": 0,                          // after the last frame written, wait before ending (or cutting) the body
 *   "keepAliveMs": 100,                    // while waiting, write ": keep-alive\n\n" this often (0: silent)
 *   -- for json and text bodies --
 *   "bodyDelayMs": 0,                      // status and headers at once, then wait this long (writing a space every
 *                                          //   keepAliveMs, a legal JSON prefix) before the body
 *   "truncateAfterBytes": n,               // declare the whole length, send n bytes, then cut the connection
 *   -- for every body form --
 *   "contentEncoding": "gzip"              // gzip or deflate: the body is compressed and labelled; any other value
 *                                          //   (br, zstd) labels the body without compressing it
 * }
 * }</pre>
 *
 * After {@link #validate}, an SSE entry has {@code "sse": [{"raw": "...", "delayMs": n}, ...]} only.
 */
final class Entries {

    static final long DEFAULT_KEEP_ALIVE_MS = 100;

    private static final Set<String> KEYS = Set.of("status", "headers", "delayMs", "dropBeforeHeaders", "json", "text",
            "sse", "sseText", "sseFile", "frameDelayMs", "dropAfterFrames", "stallMs", "keepAliveMs", "bodyDelayMs",
            "truncateAfterBytes", "contentEncoding");
    private static final List<String> BODIES = List.of("json", "text", "sse", "sseText", "sseFile");

    private final ObjectMapper json;

    Entries(ObjectMapper json) {
        this.json = json;
    }

    List<JsonNode> validate(JsonNode responses) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            try {
                out.add(normalize(responses.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("responses[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The entry in the form the responder plays; throws IllegalArgumentException saying what is wrong. */
    ObjectNode normalize(JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("an entry is a JSON object, not " + entry);
        }
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown field '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        ObjectNode out = json.createObjectNode();
        int status = integer(entry, "status", 200);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an HTTP status");
        }
        out.put("status", status);
        if (entry.has("headers")) {
            JsonNode headers = entry.get("headers");
            if (!headers.isObject()) {
                throw new IllegalArgumentException("headers must be an object");
            }
            headers.properties().forEach(h -> {
                boolean ok = h.getValue().isTextual() || h.getValue().isNumber() || h.getValue().isArray();
                for (JsonNode v : h.getValue().isArray() ? h.getValue() : json.createArrayNode()) {
                    ok &= v.isTextual();
                }
                if (!ok) {
                    throw new IllegalArgumentException("header '" + h.getKey() + "' must be a string or an array of strings");
                }
            });
            out.set("headers", headers);
        }
        out.put("delayMs", integer(entry, "delayMs", 0));
        if (entry.has("dropBeforeHeaders")) {
            if (!entry.get("dropBeforeHeaders").isBoolean()) {
                throw new IllegalArgumentException("dropBeforeHeaders must be true or false");
            }
            out.put("dropBeforeHeaders", entry.get("dropBeforeHeaders").asBoolean());
        }
        List<String> forms = BODIES.stream().filter(entry::has).toList();
        if (forms.size() > 1) {
            throw new IllegalArgumentException("one body form only, got " + forms);
        }
        String form = forms.isEmpty() ? null : forms.getFirst();
        boolean sse = form != null && form.startsWith("sse");
        for (String key : List.of("frameDelayMs", "dropAfterFrames", "stallMs")) {
            if (entry.has(key) && !sse) {
                throw new IllegalArgumentException("'" + key + "' needs an SSE body (sse, sseText or sseFile)");
            }
        }
        for (String key : List.of("bodyDelayMs", "truncateAfterBytes")) {
            if (entry.has(key) && (form == null || sse)) {
                throw new IllegalArgumentException("'" + key + "' needs a json or text body");
            }
        }
        if (entry.has("keepAliveMs") && !sse && !entry.has("bodyDelayMs")) {
            throw new IllegalArgumentException("'keepAliveMs' needs an SSE body or bodyDelayMs");
        }
        if (entry.has("contentEncoding")) {
            out.put("contentEncoding", string(entry, "contentEncoding"));
        }
        if (form == null) {
            return out;
        }
        switch (form) {
            case "json", "text" -> {
                if (form.equals("json")) {
                    out.set("json", entry.get("json"));
                } else {
                    out.put("text", string(entry, "text"));
                }
                if (entry.has("bodyDelayMs")) {
                    out.put("bodyDelayMs", integer(entry, "bodyDelayMs", 0));
                    out.put("keepAliveMs", integer(entry, "keepAliveMs", (int) DEFAULT_KEEP_ALIVE_MS));
                }
                if (entry.has("truncateAfterBytes")) {
                    out.put("truncateAfterBytes", integer(entry, "truncateAfterBytes", 0));
                }
            }
            default -> {
                long each = integer(entry, "frameDelayMs", 0);
                ArrayNode frames = out.putArray("sse");
                if (form.equals("sse")) {
                    frames(entry.get("sse"), each, frames);
                } else {
                    String text = form.equals("sseText") ? string(entry, "sseText") : read(string(entry, "sseFile"));
                    for (String frame : split(text)) {
                        frames.addObject().put("raw", frame).put("delayMs", each);
                    }
                }
                if (entry.has("dropAfterFrames")) {
                    out.put("dropAfterFrames", integer(entry, "dropAfterFrames", 0));
                }
                out.put("stallMs", integer(entry, "stallMs", 0));
                out.put("keepAliveMs", integer(entry, "keepAliveMs", (int) DEFAULT_KEEP_ALIVE_MS));
            }
        }
        return out;
    }

    private static void frames(JsonNode sse, long each, ArrayNode out) {
        if (!sse.isArray()) {
            throw new IllegalArgumentException("sse must be an array of frames");
        }
        for (int i = 0; i < sse.size(); i++) {
            JsonNode frame = sse.get(i);
            String raw;
            long delay = each;
            int repeat = 1;
            if (frame.isTextual()) {
                raw = "data: " + frame.asText() + "\n\n";
            } else if (frame.isObject() && frame.has("data") != frame.has("raw")) {
                for (Iterator<String> it = frame.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!Set.of("data", "raw", "event", "delayMs", "repeat").contains(key)) {
                        throw new IllegalArgumentException("sse[" + i + "]: unknown field '" + key
                                + "' (known: data, event, raw, delayMs, repeat)");
                    }
                }
                if (frame.has("event") && frame.has("raw")) {
                    throw new IllegalArgumentException("sse[" + i + "]: 'event' goes with 'data', not with 'raw'");
                }
                // Anthropic's frames name their event: {"event": "message_start", "data": "{...}"}.
                String event = frame.has("event") ? "event: " + string(frame, "event") + "\n" : "";
                raw = frame.has("raw") ? string(frame, "raw") : event + "data: " + string(frame, "data") + "\n\n";
                delay = integer(frame, "delayMs", (int) each);
                repeat = integer(frame, "repeat", 1);
                if (repeat < 1 || repeat > 100_000) {
                    throw new IllegalArgumentException("sse[" + i + "].repeat must be between 1 and 100000");
                }
            } else {
                throw new IllegalArgumentException("sse[" + i + "] must be {\"data\": \"...\"} or {\"raw\": \"...\"} "
                        + "(with an optional delayMs), or a string, not " + frame);
            }
            for (int r = 0; r < repeat; r++) { // the copies share one string: a long stream costs one frame of memory
                out.addObject().put("raw", raw).put("delayMs", delay);
            }
        }
    }

    /** Splits raw SSE text into frames, each keeping its blank-line terminator ({@code \n\n}, {@code \r\n\r\n} or {@code \r\r}). */
    static List<String> split(String text) {
        List<String> frames = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int end = terminatorEnd(text, i);
            if (end > 0) {
                frames.add(text.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length() && !text.substring(start).isBlank()) {
            frames.add(text.substring(start));
        }
        return frames;
    }

    /** The end of a blank-line terminator that starts at {@code i}, or -1. */
    private static int terminatorEnd(String text, int i) {
        for (String t : List.of("\r\n\r\n", "\n\n", "\r\r")) {
            if (text.startsWith(t, i)) {
                return i + t.length();
            }
        }
        return -1;
    }

    private static String read(String location) {
        try {
            Path file = Path.of(location);
            if (file.isAbsolute() && Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in = Entries.class.getResourceAsStream(location.startsWith("/") ? location : "/" + location)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read sseFile '" + location + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("sseFile '" + location + "' is neither a file inside the fake's file system "
                + "nor a classpath resource of the fake; send its content as \"sseText\" instead");
    }

    private static int integer(JsonNode node, String key, int fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new IllegalArgumentException("'" + key + "' must be a non-negative integer, not " + value);
        }
        return value.asInt();
    }

    private static String string(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return value.asText();
    }
}
