package com.acme.claudia.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.support.StatusTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's errors ({@code {"error": {"code", "message"}}}, with an HTTP status, or as the last
 * line of a stream) as domain failures. Messages name the backend and quote the gateway, trimmed;
 * the key is never in them (nothing here sees it).
 */
final class GatewayErrors {

    private static final int MAX_MESSAGE = 300;
    /** The codes of errors sent inside a stream, as the HTTP status they would have had. */
    private static final Map<String, Integer> STREAM_CODES = Map.of("overloaded", 503, "rate_limited", 429,
            "timeout", 504, "invalid", 400, "internal", 500);

    private final ObjectMapper json;
    private final String backend;
    private final String keyEnv;

    GatewayErrors(ObjectMapper json, String backend, String keyEnv) {
        this.json = json;
        this.backend = backend;
        this.keyEnv = keyEnv;
    }

    ProviderFailure fromStatus(int status, byte[] body, Duration retryAfter, String model) {
        JsonNode error = error(body);
        String code = error.path("code").asText("");
        String detail = trim(error.path("message").asText(new String(body, StandardCharsets.UTF_8).strip()));
        FailureKind kind = StatusTable.kind(status);
        String message = switch (kind) {
            case AUTHENTICATION -> "backend '" + backend + "' rejected the API key (HTTP 401)"
                    + (keyEnv == null ? "" : "; check " + keyEnv) + ": " + detail;
            case NOT_FOUND -> "backend '" + backend + "' does not know model '" + model + "' (HTTP 404): " + detail;
            default -> "backend '" + backend + "' returned HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + detail;
        };
        return new ProviderFailure(kind, message, backend, status, retryAfter);
    }

    /** An error line in the middle of a stream. */
    ProviderFailure inStream(JsonNode error) {
        String code = error.path("code").asText("internal");
        FailureKind kind = StatusTable.kind(STREAM_CODES.getOrDefault(code, 500));
        return ProviderFailure.of(kind, backend, "backend '" + backend + "' failed mid-stream (" + code + "): "
                + trim(error.path("message").asText("")));
    }

    private JsonNode error(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.missingNode() : node.path("error");
        } catch (IOException notJson) {
            return json.missingNode();
        }
    }

    private static String trim(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
