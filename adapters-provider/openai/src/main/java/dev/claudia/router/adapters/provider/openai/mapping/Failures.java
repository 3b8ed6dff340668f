package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.dialect.DialectErrors;
import dev.claudia.router.adapters.provider.openai.dialect.ErrorRule;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;

import dev.claudia.router.provider.support.ProviderText;
import dev.claudia.router.provider.support.StatusTable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Provider failures to domain failures: HTTP statuses (the shared {@code StatusTable}), the many
 * shapes of error bodies in the wild, and in-band stream errors. Messages name the backend and
 * quote the provider, trimmed; they never contain the API key (the key is only in a request
 * header, which nothing here reads).
 */
public final class Failures {

    private static final int MAX_MESSAGE = 300;
    /** How much of a provider's words the dialect's error rules look at: enough for any real error text. */
    private static final int MAX_MATCHED = 4_096;
    /** How much of a provider's message the rules read (the numbers are always near its start). */
    private static final int MAX_READ = 4000;

    private Failures() {}

    /**
     * @param promptTokens our estimate of the prompt, for context-overflow messages without numbers
     * @param keyEnv       the variable that holds this backend's key, for the 401 hint (may be null)
     */
    public static ProviderFailure fromStatus(int status, byte[] body, Duration retryAfter, String backend,
                                             String providerModel, String keyEnv, int promptTokens) {
        return fromStatus(status, body, retryAfter, backend, providerModel, keyEnv, List.of(),
                new ErrorRule.Facts(promptTokens, 0));
    }

    /** The same, reading the body with the dialect's rules first, then the ones every provider shares. */
    public static ProviderFailure fromStatus(int status, byte[] body, Duration retryAfter, String backend,
                                             String providerModel, String keyEnv, List<ErrorRule> rules,
                                             ErrorRule.Facts facts) {
        JsonNode error = errorObject(body);
        String full = fullMessage(body);
        full = full.length() > MAX_READ ? full.substring(0, MAX_READ) : full;
        String detail = trim(full);
        ErrorRule.Reading reading = read(rules, status, error, full, facts);
        if (reading != null) {
            FailureKind kind = reading.kind() != null ? reading.kind() : kind(status, detail);
            String message = reading.message() != null ? reading.message() : worded(kind, status, detail, backend,
                    providerModel, keyEnv, facts.promptTokens());
            return new ProviderFailure(kind, kind == FailureKind.CONTEXT_TOO_LONG ? message
                    : message.startsWith("backend '") ? message : "backend '" + backend + "' returned HTTP " + status + ": "
                    + trim(message), backend, status, retryAfter != null ? retryAfter : reading.retryAfter());
        }
        FailureKind kind = kind(status, detail);
        return new ProviderFailure(kind, worded(kind, status, detail, backend, providerModel, keyEnv, facts.promptTokens()),
                backend, status, retryAfter);
    }

    private static String worded(FailureKind kind, int status, String detail, String backend, String providerModel,
                                 String keyEnv, int promptTokens) {
        return switch (kind) {
            case CONTEXT_TOO_LONG -> ContextOverflow.anthropicMessage(detail, promptTokens);
            case AUTHENTICATION -> "backend '" + backend + "' rejected the API key (HTTP 401)"
                    + (keyEnv == null ? "" : "; check " + keyEnv) + ": " + detail;
            case NOT_FOUND -> "backend '" + backend + "' does not know model '" + providerModel + "' (HTTP 404): " + detail;
            default -> "backend '" + backend + "' returned HTTP " + status + ": " + detail;
        };
    }

    /** The first rule that reads this error (the dialect's, then the shared output-limit one), or null. */
    private static ErrorRule.Reading read(List<ErrorRule> rules, int status, JsonNode error, String message,
                                          ErrorRule.Facts facts) {
        for (ErrorRule rule : rules) {
            ErrorRule.Reading reading = rule.read(status, error, message, facts);
            if (reading != null) {
                return reading;
            }
        }
        return DialectErrors.OUTPUT_LIMIT.read(status, error, message, facts);
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
        return inBand(error, backend, List.of(), new ErrorRule.Facts(0, 0));
    }

    /** The same, with the dialect's rules for the provider's words. */
    public static ProviderFailure inBand(JsonNode error, String backend, List<ErrorRule> rules, ErrorRule.Facts facts) {
        int code = number(error.get("code"));
        if (code == 0) {
            code = number(error.get("status"));
        }
        String message = error.isTextual() ? error.textValue() : ProviderJson.text(error, "message");
        message = message == null ? null : trim(message); // what is matched below is bounded
        String text = "backend '" + backend + "' reported an error: " + trim(message == null ? error.toString() : message);
        ErrorRule.Reading reading = read(rules, code, error.isObject() ? error : null,
                message == null ? error.toString() : message, facts);
        if (reading != null && reading.kind() == FailureKind.CONTEXT_TOO_LONG) {
            return new ProviderFailure(reading.kind(), reading.message(), backend, code, reading.retryAfter());
        }
        FailureKind kind = reading != null && reading.kind() != null ? reading.kind()
                : code >= 400 && code < 600 ? kind(code, text) : FailureKind.SERVER_ERROR;
        return new ProviderFailure(kind, kind == FailureKind.CONTEXT_TOO_LONG
                ? ContextOverflow.anthropicMessage(message == null ? text : message, 0) : text, backend, code,
                reading == null ? null : reading.retryAfter());
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

    /** The provider's own words, from whichever error shape it uses, trimmed for messages. */
    static String message(byte[] body) {
        return trim(fullMessage(body));
    }

    /** The error object of a body ({@code {"error":{..}}}, Gemini's {@code [{"error":{..}}]}), or null. */
    static JsonNode errorObject(byte[] body) {
        JsonNode json = json(body);
        JsonNode error = json == null ? null : json.get("error");
        return error != null && error.isObject() ? error : null;
    }

    private static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode json = ProviderJson.MAPPER.readTree(body);
            if (json != null && json.isArray() && !json.isEmpty()) {
                json = json.get(0); // Gemini: [{"error": {...}}]
            }
            return json != null && json.isObject() ? json : null;
        } catch (IOException | RuntimeException notJson) {
            return null; // plain text or HTML
        }
    }

    private static String fullMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        JsonNode json = json(body);
        if (json != null) {
            JsonNode error = json.get("error");
            String text = error != null && error.isTextual() ? error.textValue()
                    : error != null ? ProviderJson.text(error, "message") : null;
            if (text == null) {
                text = ProviderJson.text(json, "message");
            }
            if (text == null) {
                // Mistral's validation errors: {"message": {"detail": [{"loc": [...], "msg": ...}]}}
                JsonNode detail = json.path("message").isObject() ? json.path("message").get("detail") : json.get("detail");
                text = detail == null ? null : detail.isTextual() ? detail.textValue() : detail.toString();
            }
            if (text != null) {
                return ProviderText.trim(text, MAX_MATCHED);
            }
        }
        // A proxy's HTML page or plain text, in one bounded pass (no regular expression over provider text).
        String text = ProviderText.plain(body, MAX_MATCHED);
        return text.isEmpty() ? "(empty body)" : text;
    }

    private static String trim(String text) {
        return ProviderText.trim(text, MAX_MESSAGE);
    }
}
