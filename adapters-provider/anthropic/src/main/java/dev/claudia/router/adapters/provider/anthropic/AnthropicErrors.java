package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.support.ProviderText;
import dev.claudia.router.provider.support.StatusTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Anthropic-format upstream's errors as domain failures. Its error bodies are already what the
 * caller expects ({@code {"type":"error","error":{"type":...,"message":...}}}), so they travel
 * along verbatim, with the headers that steer clients' retries; the failure's kind (for the
 * router's own retries and fallbacks) comes from the status, or from the error type of an
 * {@code event: error} in a stream.
 */
final class AnthropicErrors {

    /** Response headers passed on with an error body. */
    static final String[] RETRY_HEADERS = {"retry-after", "retry-after-ms", "x-should-retry"};
    private static final int MAX_MESSAGE = 300;

    private final ObjectMapper json;
    private final String backend;
    private final String keyEnv;

    AnthropicErrors(ObjectMapper json, String backend, String keyEnv) {
        this.json = json;
        this.backend = backend;
        this.keyEnv = keyEnv;
    }

    /** An HTTP error answer; {@code headers} holds the response's retry headers that were present. */
    ProviderFailure fromStatus(int status, byte[] body, Map<String, String> headers, Duration retryAfter, String model) {
        JsonNode error = errorObject(body);
        String detail = error != null ? text(error, "message") : plain(body);
        FailureKind kind = StatusTable.kind(status);
        if (kind == FailureKind.INVALID_REQUEST && detail.startsWith("prompt is too long")) {
            kind = FailureKind.CONTEXT_TOO_LONG;
        }
        String message = switch (kind) {
            case AUTHENTICATION -> "backend '" + backend + "' rejected the API key (HTTP 401)"
                    + (keyEnv == null ? "" : "; check " + keyEnv) + ": " + detail;
            case NOT_FOUND -> "backend '" + backend + "' does not know model '" + model + "' (HTTP 404): " + detail;
            default -> "backend '" + backend + "' returned HTTP " + status + ": " + detail;
        };
        Verbatim verbatim = error == null ? null : Verbatim.wrap(body, headers);
        return new ProviderFailure(kind, message, backend, status, retryAfter, verbatim);
    }

    /** The data of an {@code event: error} in a stream; it reaches the caller as its own error event. */
    ProviderFailure fromEvent(String data) {
        byte[] body = data.getBytes(StandardCharsets.UTF_8);
        JsonNode error = errorObject(body);
        if (error == null) {
            return ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' sent an error event that is not an Anthropic error: " + trim(data));
        }
        FailureKind kind = kindOf(text(error, "type"));
        return new ProviderFailure(kind, "backend '" + backend + "' reported " + text(error, "type") + " mid-stream: "
                + text(error, "message"), backend, 0, null, Verbatim.wrap(body));
    }

    /** The retry headers a response carried. */
    static Map<String, String> retryHeaders(java.util.function.UnaryOperator<String> header) {
        Map<String, String> present = new LinkedHashMap<>();
        for (String name : RETRY_HEADERS) {
            String value = header.apply(name);
            if (value != null) {
                present.put(name, value);
            }
        }
        return present;
    }

    /** Anthropic's error types (docs: "Errors"), as failure kinds. */
    static FailureKind kindOf(String type) {
        return switch (type) {
            case "invalid_request_error" -> FailureKind.INVALID_REQUEST;
            case "authentication_error" -> FailureKind.AUTHENTICATION;
            case "billing_error" -> FailureKind.BILLING;
            case "permission_error" -> FailureKind.PERMISSION;
            case "not_found_error" -> FailureKind.NOT_FOUND;
            case "request_too_large" -> FailureKind.REQUEST_TOO_LARGE;
            case "rate_limit_error" -> FailureKind.RATE_LIMITED;
            case "timeout_error" -> FailureKind.TIMEOUT;
            case "overloaded_error" -> FailureKind.OVERLOADED;
            default -> FailureKind.SERVER_ERROR; // api_error, and types newer than this router
        };
    }

    /** The {@code error} object of an Anthropic error body, or null when the body is not one. */
    private JsonNode errorObject(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            boolean anthropic = root != null && root.isObject() && "error".equals(text(root, "type"))
                    && error != null && error.isObject() && error.path("type").isTextual();
            return anthropic ? error : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? trim(value.textValue()) : "(no " + field + ")";
    }

    private static String plain(byte[] body) {
        String text = ProviderText.plain(body, MAX_MESSAGE);
        return text.isEmpty() ? "(empty body)" : text;
    }

    private static String trim(String text) {
        return ProviderText.trim(text, MAX_MESSAGE);
    }
}
