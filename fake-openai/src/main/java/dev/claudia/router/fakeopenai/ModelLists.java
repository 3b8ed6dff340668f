package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET <anything>/models}: the models the fake serves, the built-in scenarios and those posted
 * to {@code /__admin/models}. A request that carries {@code anthropic-version} or {@code x-api-key}
 * gets Anthropic's list (key and version checked as on {@code /messages}; pages of {@code limit},
 * default 20, at most 1000, after {@code after_id}); any other gets OpenAI's
 * ({@code {"object":"list","data":[...]}}, all at once).
 */
final class ModelLists {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 1000;

    private final ObjectMapper json;
    private final Set<String> models = new LinkedHashSet<>(Scenarios.NAMES);

    ModelLists(ObjectMapper json) {
        this.json = json;
    }

    /** Lists these models from now on too (never forgotten: the fake is shared by test classes). */
    int accept(JsonNode body) {
        return Names.addAll(body, "models", models);
    }

    static boolean anthropic(HttpExchange exchange) {
        return exchange.getRequestHeaders().containsKey("anthropic-version") || exchange.getRequestHeaders().containsKey("x-api-key");
    }

    void openAi(HttpExchange exchange) throws IOException {
        ObjectNode list = json.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        snapshot().forEach(id -> data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000)
                .put("owned_by", "fake-openai"));
        FakeOpenAi.send(exchange, 200, list.toString());
    }

    void anthropic(HttpExchange exchange, Map<String, String> query, AnthropicEndpoint endpoint) throws IOException {
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            endpoint.error(exchange, 400, "invalid_request_error", "limit: Input should be less than or equal to 1000");
            return;
        }
        List<String> all = snapshot();
        int from = query.containsKey("after_id") ? all.indexOf(query.get("after_id")) + 1 : 0;
        List<String> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
        ObjectNode list = json.createObjectNode();
        ArrayNode data = list.putArray("data");
        page.forEach(id -> data.addObject().put("type", "model").put("id", id).put("display_name", id)
                .put("created_at", "2025-01-01T00:00:00Z"));
        list.put("has_more", from + page.size() < all.size());
        if (page.isEmpty()) {
            list.putNull("first_id").putNull("last_id");
        } else {
            list.put("first_id", page.getFirst()).put("last_id", page.getLast());
        }
        FakeOpenAi.send(exchange, 200, list.toString());
    }

    private List<String> snapshot() {
        synchronized (models) {
            return new ArrayList<>(models);
        }
    }
}
