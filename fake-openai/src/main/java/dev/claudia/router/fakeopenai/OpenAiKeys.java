package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI's key check, for the OpenAI-format endpoints under {@code /secured/} only (the fake is
 * shared by every test class, and most send any key or none): {@code Authorization: Bearer} with
 * a key posted to {@code /__admin/openai/keys}, else 401 with OpenAI's bodies, the key masked in
 * the message as OpenAI masks it.
 */
final class OpenAiKeys {

    static final String PREFIX = "/secured/";

    private final ObjectMapper json;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    OpenAiKeys(ObjectMapper json) {
        this.json = json;
    }

    int accept(JsonNode body) {
        return Names.addAll(body, "keys", keys);
    }

    /** Answers 401 and returns true when a {@code /secured/} request has no accepted key. */
    boolean refused(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().startsWith(PREFIX)) {
            return false;
        }
        String authorization = exchange.getRequestHeaders().getFirst("authorization");
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        if (key.isEmpty()) {
            return send(exchange, "You didn't provide an API key. You need to provide your API key in an Authorization "
                    + "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null);
        }
        if (!keys.contains(key)) {
            return send(exchange, "Incorrect API key provided: " + masked(key) + ". You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_api_key");
        }
        return false;
    }

    /** OpenAI shows a few characters at each end of a wrong key. */
    static String masked(String key) {
        return key.length() <= 8 ? "***" : key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
    }

    private boolean send(HttpExchange exchange, String message, String code) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param")
                .put("code", code);
        FakeOpenAi.send(exchange, 401, body.toString());
        return true;
    }
}
