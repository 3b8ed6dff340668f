package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the fake received, and what it saw happen to its streams, for tests to assert on.
 *
 * <p>A request: {@code {"seq", "method", "path", "query", "headers" (names lower-cased), "body" (parsed
 * JSON, or a string when it was not JSON), "atMillis"}}. An event: {@code {"type", "model", "path",
 * "framesWritten", "frames", "atMillis"}} with type {@code completed} (the stream ended normally),
 * {@code client_closed} (the client went away while the fake was still streaming) or {@code dropped}
 * (the fake cut the connection on purpose: dropAfterFrames, dropBeforeHeaders).
 */
final class Journal {

    private final List<ObjectNode> requests = new ArrayList<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private long seq;

    synchronized void request(String method, String path, String query, Map<String, String> headers, JsonNode body) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode().put("seq", ++seq)
                .put("method", method).put("path", path).put("query", query);
        ObjectNode h = entry.putObject("headers");
        headers.forEach(h::put);
        entry.set("body", body.isMissingNode() ? JsonNodeFactory.instance.nullNode() : body);
        entry.put("atMillis", System.currentTimeMillis());
        requests.add(entry);
    }

    synchronized void event(String type, String model, String path, int framesWritten, int frames) {
        events.add(JsonNodeFactory.instance.objectNode().put("type", type).put("model", model).put("path", path)
                .put("framesWritten", framesWritten).put("frames", frames).put("atMillis", System.currentTimeMillis()));
    }

    /** Oldest first; only those whose body's model is {@code model} unless it is null. */
    synchronized ArrayNode requests(String model) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode r : requests) {
            if (model == null || model.equals(r.path("body").path("model").asText(null))) {
                out.add(r);
            }
        }
        return out;
    }

    synchronized ArrayNode events() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        events.forEach(out::add);
        return out;
    }

    synchronized void clearRequests() {
        requests.clear();
    }

    synchronized void clearEvents() {
        events.clear();
    }
}
