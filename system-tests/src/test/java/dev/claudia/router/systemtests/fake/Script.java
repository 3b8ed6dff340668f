package dev.claudia.router.systemtests.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One scripted answer of the fake provider, built fluently:
 * {@code Script.json("{...}")}, {@code Script.status(429).header("Retry-After", "1").json(...)},
 * {@code Script.sse("{chunk}", "{chunk}", "[DONE]").frameDelayMs(100)}.
 */
public final class Script {

    private final ObjectNode entry = FakeOpenAiAdmin.JSON.createObjectNode();

    private Script() {}

    public static Script status(int status) {
        Script s = new Script();
        s.entry.put("status", status);
        return s;
    }

    public static Script json(String json) {
        return new Script().body(json);
    }

    /** Server-sent frames; each string is what follows {@code data: }. */
    public static Script sse(String... data) {
        Script s = new Script();
        ArrayNode frames = s.entry.putArray("sse");
        for (String d : data) {
            frames.addObject().put("data", d);
        }
        return s;
    }

    /** A raw recorded upstream transcript (SSE text), split into frames on blank lines. */
    public static Script sseText(String text) {
        Script s = new Script();
        s.entry.put("sseText", text);
        return s;
    }

    public Script body(String json) {
        try {
            entry.set("json", FakeOpenAiAdmin.JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
        return this;
    }

    public Script header(String name, String value) {
        entry.withObjectProperty("headers").put(name, value);
        return this;
    }

    public Script delayMs(long millis) {
        entry.put("delayMs", millis);
        return this;
    }

    public Script frameDelayMs(long millis) {
        entry.put("frameDelayMs", millis);
        return this;
    }

    public Script dropAfterFrames(int frames) {
        entry.put("dropAfterFrames", frames);
        return this;
    }

    public Script stallMs(long millis) {
        entry.put("stallMs", millis);
        return this;
    }

    JsonNode json() {
        return entry;
    }
}
