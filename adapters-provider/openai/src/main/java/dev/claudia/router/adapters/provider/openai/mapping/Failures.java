package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;

import dev.claudia.router.provider.support.ProviderText;
import dev.claudia.router.provider.support.StatusTable;

import java.io.IOException;
import java.time.Duration;

/**
 * Provider failures to domain failures: HTTP statuses (the shared {@code StatusTable}), the many
 * shapes of error bodies in the wild, and in-band stream errors. Messages name the backend and
 * quote the provider, trimmed; they never contain the API key (the key is only in a request
 * header, which nothing here reads).
 */
public final class Failures {

    private static final int MAX_MESSAGE = 300;

    private Failures() {}

    /**
     * @param promptTokens our estimate of the prompt, for context-overflow messages without numbers
     * @param keyEnv       the variable that holds this backend's key, for the 401 hint (may be null)
     */
    public static ProviderFailure fromStatus(int status, byte[] body, Duration retryAfter, String backend,
                                             String providerModel, String keyEnv, int promptTokens) {
        String detail = message(body);
        FailureKind kind = kind(status, detail);
        String message = switch (kind) {
            case CONTEXT_TOO_LONG -> ContextOverflow.anthropicMessage(detail, promptTokens);
            case AUTHENTICATION -> "backend '" + backend + "' rejected the API key (HTTP 401)"
                    + (keyEnv == null ? "" : "; check " + keyEnv) + ": " + detail;
            case NOT_FOUND -> "backend '" + backend + "' does not know model '" + providerModel + "' (HTTP 404): " + detail;
            default -> "backend '" + backend + "' returned HTTP " + status + ": " + detail;
        };
        return new ProviderFailure(kind, message, backend, status, retryAfter);
    }

    /** The shared status table, with one refinement: a 400 or 422 whose text says the prompt does not fit. */
    static FailureKind kind(int status, String detail) {
        if ((status == 400 || status == 422) && ContextOverflow.matches(detail)) {
            return FailureKind.CONTEXT_TOO_LONG;
        }
        return StatusTable.kind(status);
    }

    /**
     * An error object sent inside a 200 answer or stream ({@code {"error":{...}}}, or OpenRouter's
     * {@code choices[0].error}): the kind comes from its numeric {@code code} (or {@code status}),
     * else it is a server error.
     */
    public static ProviderFailure inBand(JsonNode error, String backend) {
        int code = number(error.get("code"));
        if (code == 0) {
            code = number(error.get("status"));
        }
        String message = error.isTextual() ? error.textValue() : ProviderJson.text(error, "message");
        message = message == null ? null : trim(message); // what is matched below is bounded
        String text = "backend '" + backend + "' reported an error: " + trim(message == null ? error.toString() : message);
        FailureKind kind = code >= 400 && code < 600 ? kind(code, text) : FailureKind.SERVER_ERROR;
        return new ProviderFailure(kind, kind == FailureKind.CONTEXT_TOO_LONG
                ? ContextOverflow.anthropicMessage(message == null ? text : message, 0) : text, backend, code, null);
    }

    private static int number(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual() && node.textValue().length() == 3) {
            String t = node.textValue();
            if (Character.isDigit(t.charAt(0)) && Character.isDigit(t.charAt(1)) && Character.isDigit(t.charAt(2))) {
                return Integer.parseInt(t);
            }
        }
        return 0;
    }

    /** The provider's own words, from whichever error shape it uses. */
    static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        try {
            JsonNode json = ProviderJson.MAPPER.readTree(body);
            if (json != null && json.isArray() && !json.isEmpty()) {
                json = json.get(0); // Gemini: [{"error": {...}}]
            }
            if (json != null && json.isObject()) {
                JsonNode error = json.get("error");
                String text = error != null && error.isTextual() ? error.textValue()
                        : error != null ? ProviderJson.text(error, "message") : null;
                if (text == null) {
                    text = ProviderJson.text(json, "message");
                }
                if (text == null) {
                    JsonNode detail = json.get("detail");
                    text = detail == null ? null : detail.isTextual() ? detail.textValue() : detail.toString();
                }
                if (text != null) {
                    return trim(text);
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // plain text or HTML
        }
        String text = ProviderText.plain(body, MAX_MESSAGE);
        return text.isEmpty() ? "(empty body)" : text;
    }

    private static String trim(String text) {
        return ProviderText.trim(text, MAX_MESSAGE);
    }
}
