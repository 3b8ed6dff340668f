package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An Anthropic Messages endpoint: {@code POST .../messages} and {@code POST .../messages/count_tokens},
 * checked the way Anthropic checks them, then answered from the scripts like the chat endpoint.
 *
 * <p>Checks, in Anthropic's order and words: a key is required ({@code x-api-key}, or
 * {@code Authorization: Bearer}); 401 {@code authentication_error} "x-api-key header is required"
 * without one, "invalid x-api-key" (or "invalid bearer token") when it is not among the accepted
 * keys ({@code POST /__admin/anthropic/keys}); 400 {@code invalid_request_error}
 * "anthropic-version: header is required" without a version; the body must be a JSON object with a
 * {@code model}. Then: the next entry scripted for the model (for count_tokens: for
 * {@code "count_tokens:<model>"}); else count_tokens answers {@code {"input_tokens": <body bytes / 4>}}
 * and messages answer 404 {@code not_found_error} "model: <model>", as Anthropic does for a model it
 * does not have. Errors carry a {@code request_id} and a {@code request-id} header.
 */
final class AnthropicEndpoint {

    static final String COUNT_PREFIX = "count_tokens:";

    private final ObjectMapper json;
    private final Responder responder;
    private final Function<String, JsonNode> nextScripted;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();

    AnthropicEndpoint(ObjectMapper json, Responder responder, Function<String, JsonNode> nextScripted) {
        this.json = json;
        this.responder = responder;
        this.nextScripted = nextScripted;
    }

    /** Accepts these keys from now on (never forgotten: the fake is shared by test classes). */
    int accept(JsonNode body) {
        return Names.addAll(body, "keys", keys);
    }

    void handle(HttpExchange exchange, JsonNode request, boolean countTokens) throws IOException {
        if (refused(exchange)) {
            return;
        }
        if (!request.isObject()) {
            error(exchange, 400, "invalid_request_error", "The request body is not valid JSON.");
            return;
        }
        if (!request.path("model").isTextual()) {
            error(exchange, 400, "invalid_request_error", "model: Field required");
            return;
        }
        String model = request.get("model").asText();
        JsonNode entry = nextScripted.apply(countTokens ? COUNT_PREFIX + model : model);
        if (entry != null) {
            responder.play(exchange, entry, model);
        } else if (countTokens) {
            FakeOpenAi.send(exchange, 200, json.createObjectNode()
                    .put("input_tokens", (json.writeValueAsBytes(request).length + 3) / 4).toString());
        } else {
            error(exchange, 404, "not_found_error", "model: " + model);
        }
    }

    /**
     * Answers 401 or 400 and returns true when the key or the version is missing or wrong, as every
     * Anthropic endpoint does before it looks at anything else ({@code /messages}, {@code /models}).
     */
    boolean refused(HttpExchange exchange) throws IOException {
        String apiKey = exchange.getRequestHeaders().getFirst("x-api-key");
        String authorization = exchange.getRequestHeaders().getFirst("authorization");
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        if (apiKey == null && bearer == null) {
            error(exchange, 401, "authentication_error", "x-api-key header is required");
            return true;
        }
        if (apiKey != null ? !keys.contains(apiKey) : !keys.contains(bearer)) {
            error(exchange, 401, "authentication_error", apiKey != null ? "invalid x-api-key" : "invalid bearer token");
            return true;
        }
        if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
            error(exchange, 400, "invalid_request_error", "anthropic-version: header is required");
            return true;
        }
        return false;
    }

    void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        String requestId = "req_fake" + ids.incrementAndGet();
        ObjectNode body = json.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", requestId);
        exchange.getResponseHeaders().set("request-id", requestId);
        FakeOpenAi.send(exchange, status, body.toString());
    }
}
