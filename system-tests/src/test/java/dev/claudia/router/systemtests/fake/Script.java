package dev.claudia.router.systemtests.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One scripted answer of the fake provider (an entry of {@code POST /__admin/scripts}), built fluently:
 * <pre>{@code
 * Script.json("{\"choices\":[...]}")                                   // 200 application/json
 * Script.status(429).header("Retry-After", "1").body("{\"error\":{...}}")
 * Script.sse(chunk1, chunk2, "[DONE]").frameDelayMs(100)               // each string follows "data: "
 * Script.frames(Frame.data(chunk1), Frame.data(chunk2).delayMs(800), Frame.raw(": comment\r\n\r\n"))
 * Script.sse(chunk1, chunk2, chunk3).dropAfterFrames(2)                // a provider that dies mid-stream
 * Script.sseFile(Path.of("../adapters-provider/src/test/resources/streams/x.chunks.txt")).frameDelayMs(20)
 * Script.json(OK).delayMs(3000)                                        // status line after 3 s
 * Script.dropConnection()                                              // connection closed, no answer
 * Script.json(OK).bodyDelayMs(5000)                                    // headers now, the answer in 5 s
 * Script.json(OK).truncateAfterBytes(10)                               // a body cut short
 * Script.json(OK).contentEncoding("gzip")                              // compressed although not asked for
 * }</pre>
 * The fake checks each entry when it is posted and rejects typos with a 400, so a bad script fails the
 * test that wrote it.
 */
public final class Script {

    private final ObjectNode entry = FakeOpenAiAdmin.JSON.createObjectNode();

    private Script() {}

    /** An answer with this status; add {@link #body}, {@link #text(String)}-like content or frames as needed. */
    public static Script status(int status) {
        Script s = new Script();
        s.entry.put("status", status);
        return s;
    }

    /** 200 with this JSON as the body (checked to be JSON here). */
    public static Script json(String json) {
        return new Script().body(json);
    }

    /** 200 with this JSON as the body. */
    public static Script json(JsonNode json) {
        return new Script().body(json);
    }

    /** 200 with this raw body (text/plain unless a Content-Type header is set): for answers that are not JSON. */
    public static Script text(String body) {
        return new Script().rawBody(body);
    }

    /** Server-sent frames; each string is what follows {@code data: } (one line). */
    public static Script sse(String... data) {
        Script s = new Script();
        ArrayNode frames = s.entry.putArray("sse");
        for (String d : data) {
            frames.addObject().put("data", d);
        }
        return s;
    }

    /** Server-sent frames with their own delays, or exact bytes ({@link Frame#raw}). */
    public static Script frames(Frame... frames) {
        Script s = new Script();
        ArrayNode out = s.entry.putArray("sse");
        for (Frame f : frames) {
            out.add(f.node);
        }
        return s;
    }

    /** A recorded upstream transcript (raw SSE text), split by the fake into frames on blank lines. */
    public static Script sseText(String transcript) {
        Script s = new Script();
        s.entry.put("sseText", transcript);
        return s;
    }

    /** A transcript file on this machine (e.g. a provider adapter golden file), sent inline as {@link #sseText}. */
    public static Script sseFile(Path file) {
        try {
            return sseText(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SSE transcript " + file.toAbsolutePath(), e);
        }
    }

    /** A transcript on the test class path, sent inline as {@link #sseText}. */
    public static Script sseResource(String resource) {
        try (InputStream in = Script.class.getResourceAsStream(resource.startsWith("/") ? resource : "/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no such test resource: " + resource);
            }
            return sseText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fake closes the connection without sending anything (a provider that resets the connection). */
    public static Script dropConnection() {
        Script s = new Script();
        s.entry.put("dropBeforeHeaders", true);
        return s;
    }

    /** Sets a JSON body. */
    public Script body(String json) {
        try {
            return body(FakeOpenAiAdmin.JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** Sets a JSON body. */
    public Script body(JsonNode json) {
        entry.set("json", json);
        return this;
    }

    /** Sets a raw body, sent as is. */
    public Script rawBody(String body) {
        entry.put("text", body);
        return this;
    }

    public Script header(String name, String value) {
        entry.withObjectProperty("headers").put(name, value);
        return this;
    }

    /** Waits this long before sending the status line. */
    public Script delayMs(long millis) {
        entry.put("delayMs", millis);
        return this;
    }

    /** SSE: waits this long before each frame that has no delay of its own. */
    public Script frameDelayMs(long millis) {
        entry.put("frameDelayMs", millis);
        return this;
    }

    /** SSE: writes this many frames (then waits {@link #stallMs} if set), then cuts the connection mid-body. */
    public Script dropAfterFrames(int frames) {
        entry.put("dropAfterFrames", frames);
        return this;
    }

    /** SSE: after the last frame written, waits this long before ending (or cutting) the body. */
    public Script stallMs(long millis) {
        entry.put("stallMs", millis);
        return this;
    }

    /**
     * SSE: while waiting, the fake writes {@code ": keep-alive\n\n"} this often (default 100 ms) so that it
     * notices promptly when the client leaves; 0 makes the waits byte-silent (a departure is then noticed at
     * the next frame only).
     */
    public Script keepAliveMs(long millis) {
        entry.put("keepAliveMs", millis);
        return this;
    }

    /** JSON or text: headers at once, the body after this long (spaces meanwhile); the fake notices a departure. */
    public Script bodyDelayMs(long millis) {
        entry.put("bodyDelayMs", millis);
        return this;
    }

    /** JSON or text: the whole length is declared, only this many bytes are sent, then the connection is cut. */
    public Script truncateAfterBytes(int bytes) {
        entry.put("truncateAfterBytes", bytes);
        return this;
    }

    /** Any body: {@code gzip} or {@code deflate} compress it for real, other names only label it. */
    public Script contentEncoding(String encoding) {
        entry.put("contentEncoding", encoding);
        return this;
    }

    /** The entry as the fake's admin API takes it. */
    public ObjectNode toJson() {
        return entry.deepCopy();
    }

    @Override
    public String toString() {
        return entry.toString();
    }

    /** One SSE frame of {@link #frames}. */
    public static final class Frame {

        private final ObjectNode node = FakeOpenAiAdmin.JSON.createObjectNode();

        private Frame() {}

        /** {@code data: <data>\n\n}. */
        public static Frame data(String data) {
            Frame f = new Frame();
            f.node.put("data", data);
            return f;
        }

        /** {@code event: <event>\ndata: <data>\n\n}: an Anthropic frame. */
        public static Frame event(String event, String data) {
            Frame f = data(data);
            f.node.put("event", event);
            return f;
        }

        /** Exactly these bytes, e.g. {@code ": comment\n\n"}, CRLF endings, or half a frame. */
        public static Frame raw(String raw) {
            Frame f = new Frame();
            f.node.put("raw", raw);
            return f;
        }

        /** Waits this long before writing the frame. */
        public Frame delayMs(long millis) {
            node.put("delayMs", millis);
            return this;
        }

        /** Sends the frame this many times (with its delay before each). */
        public Frame repeat(int times) {
            node.put("repeat", times);
            return this;
        }
    }
}
