package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An OpenAI Responses endpoint, {@code POST .../responses}: a Bearer key is required (OpenAI's 401
 * text without one), the body is checked the way OpenAI checks it ({@link ResponsesValidation}, its
 * error texts and statuses), then answered by the next entry scripted for the body's {@code model}
 * (any entry form: JSON, SSE frames with {@code event} names and delays, statuses), else a built-in
 * scenario ({@link ResponsesScenarios}), else OpenAI's 404 for an unknown model. The encrypted
 * reasoning in what it answers (a whole answer's output, or a stream's {@code output_item.done} and
 * final events) is remembered: only that decrypts when a later request sends it back.
 */
final class ResponsesEndpoint {

    static final String NO_KEY = "You didn't provide an API key. You need to provide your API key in an Authorization "
            + "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank "
            + "username) if you're accessing the API from your browser and are prompted for a username. You can obtain an "
            + "API key from https://platform.openai.com/account/api-keys.";

    private final ObjectMapper json;
    private final Responder responder;
    private final Function<String, JsonNode> nextScripted;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final ResponsesValidation validation = new ResponsesValidation(issued);
    private final ResponsesScenarios scenarios;

    ResponsesEndpoint(ObjectMapper json, Responder responder, Function<String, JsonNode> nextScripted) {
        this.json = json;
        this.responder = responder;
        this.nextScripted = nextScripted;
        this.scenarios = new ResponsesScenarios(json);
    }

    void handle(HttpExchange exchange, JsonNode request) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            error(exchange, 401, NO_KEY, null, null);
            return;
        }
        try {
            validation.check(request);
        } catch (ResponsesRefusal refusal) {
            error(exchange, refusal.status, refusal.getMessage(), refusal.param, refusal.code);
            return;
        }
        String model = request.get("model").asText();
        JsonNode entry = nextScripted.apply(model);
        if (entry == null) {
            String scenario = exchange.getRequestHeaders().getFirst("x-fake-scenario");
            entry = scenarios.entryFor(scenario != null ? scenario : model, request);
        }
        if (entry == null) {
            error(exchange, 404, "The model '" + model + "' does not exist or you do not have access to it. (fake-openai: "
                    + "script an answer with POST " + FakeOpenAi.SCRIPTS + ", or name a built-in Responses scenario: "
                    + String.join(", ", ResponsesScenarios.NAMES) + ")", "model", "model_not_found");
            return;
        }
        remember(entry);
        responder.play(exchange, entry, model);
    }

    /** Registers the final encrypted reasoning of an answer about to be played (not the partial one of output_item.added). */
    private void remember(JsonNode entry) {
        if (entry.has("json")) {
            output(entry.get("json").path("output"));
        }
        for (JsonNode frame : entry.path("sse")) {
            for (String line : frame.path("raw").asText().split("\r\n|\r|\n")) {
                if (line.startsWith("data:")) {
                    event(line.substring(5).strip());
                }
            }
        }
    }

    private void event(String data) {
        JsonNode event;
        try {
            event = json.readTree(data);
        } catch (IOException notJson) {
            return; // a malformed event on purpose
        }
        switch (event.path("type").asText()) {
            case "response.output_item.done" -> output(json.createArrayNode().add(event.path("item")));
            case "response.completed", "response.incomplete" -> output(event.path("response").path("output"));
            default -> { }
        }
    }

    private void output(JsonNode items) {
        for (JsonNode item : items) {
            if (item.path("encrypted_content").isTextual()) {
                issued.add(item.get("encrypted_content").asText());
            }
        }
    }

    private void error(HttpExchange exchange, int status, String message, String param, String code) throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", "invalid_request_error");
        error.put("param", param).put("code", code);
        FakeOpenAi.send(exchange, status, body.toString());
    }
}
