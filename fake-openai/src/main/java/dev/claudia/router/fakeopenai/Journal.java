package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the fake received, and what it saw happen to its connections, for tests to assert on. */
final class Journal {

    private final List<ObjectNode> requests = new ArrayList<>();
    private final List<ObjectNode> events = new ArrayList<>();

    synchronized void request(String method, String path, String query, Map<String, String> headers, JsonNode body) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode()
                .put("method", method).put("path", path).put("query", query).put("atMillis", System.currentTimeMillis());
        ObjectNode h = entry.putObject("headers");
        headers.forEach(h::put);
        entry.set("body", body);
        requests.add(entry);
    }

    synchronized void event(String type, String model, String path, int framesWritten) {
        events.add(JsonNodeFactory.instance.objectNode().put("type", type).put("model", model).put("path", path)
                .put("framesWritten", framesWritten).put("atMillis", System.currentTimeMillis()));
    }

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
