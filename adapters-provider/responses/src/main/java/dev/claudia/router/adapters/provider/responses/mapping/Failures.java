package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.support.StatusTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.claudia.router.provider.support.ProviderText;

/**
 * Responses API failures as domain failures: HTTP errors with OpenAI's error body
 * ({@code {"error":{"message","type","param","code"}}}), and the errors of a response that failed
 * after it was accepted ({@code response.failed}'s {@code response.error}, the stream's {@code error}
 * event, a whole answer with {@code status: failed}), whose {@code code} says what happened. Messages
 * name the backend and quote the provider, trimmed; they never contain the key (only a request
 * header has it, which nothing here reads).
 */
public final class Failures {

    private static final int MAX_MESSAGE = 300;
    private static final Pattern LIMIT = Pattern.compile("(?:maximum context length is|context window of|limit of)\\s*(\\d+)");
    private static final Pattern ACTUAL = Pattern.compile("(?:resulted in|requested|input has|prompt has)\\s*(\\d+)");

    private Failures() {}

    /**
     * @param promptTokens our estimate of the prompt, for context-overflow messages without numbers
     * @param keyEnv       the variable that holds this backend's key, for the 401 hint (may be null)
     */
    public static ProviderFailure fromStatus(int status, byte[] body, Duration retryAfter, String backend,
                                             String providerModel, String keyEnv, int promptTokens) {
        JsonNode error = errorObject(body);
        String detail = error != null && ResponsesJson.text(error, "message") != null
                ? trim(ResponsesJson.text(error, "message")) : plain(body);
        String code = error == null ? null : ResponsesJson.text(error, "code");
        FailureKind kind = StatusTable.kind(status);
        if (status == 400 && isContextOverflow(code, detail)) {
            kind = FailureKind.CONTEXT_TOO_LONG;
        } else if (status == 429 && "insufficient_quota".equals(code)) {
            kind = FailureKind.BILLING; // out of credits: waiting does not help
        }
        String message = switch (kind) {
            case CONTEXT_TOO_LONG -> promptTooLong(detail, promptTokens);
            case AUTHENTICATION -> "backend '" + backend + "' rejected the API key (HTTP 401)"
                    + (keyEnv == null ? "" : "; check " + keyEnv) + ": " + detail;
            case NOT_FOUND -> "backend '" + backend + "' does not know model '" + providerModel + "' (HTTP 404): " + detail;
            default -> "backend '" + backend + "' returned HTTP " + status + ": " + detail;
        };
        return new ProviderFailure(kind, message, backend, status, retryAfter);
    }

    /**
     * The error of a response that failed after it was accepted: {@code {"code", "message"}}, or an
     * {@code error} event, whose fields are either its own or in a nested {@code error} object.
     */
    public static ProviderFailure inBand(JsonNode error, String backend) {
        JsonNode e = error.get("error") instanceof JsonNode nested && nested.isObject() ? nested : error;
        String code = ResponsesJson.text(e, "code");
        String type = ResponsesJson.text(e, "type");
        String message = ResponsesJson.text(e, "message");
        String said = trim(message == null ? e.toString() : message);
        FailureKind kind = kindOf(code != null ? code : type, said);
        if (kind == FailureKind.CONTEXT_TOO_LONG) {
            return new ProviderFailure(kind, promptTooLong(said, 0), backend, 0, null);
        }
        String label = code != null ? code : type;
        return new ProviderFailure(kind, "backend '" + backend + "' reported an error"
                + (label == null ? "" : " (" + label + ")") + ": " + said, backend, 0, null);
    }

    /** What an error code of the Responses API means for retrying and for the caller. */
    static FailureKind kindOf(String code, String message) {
        if (isContextOverflow(code, message)) {
            return FailureKind.CONTEXT_TOO_LONG;
        }
        if (code == null) {
            return FailureKind.SERVER_ERROR;
        }
        return switch (code) {
            case "rate_limit_exceeded", "requests", "tokens" -> FailureKind.RATE_LIMITED;
            case "insufficient_quota" -> FailureKind.BILLING;
            case "vector_store_timeout" -> FailureKind.TIMEOUT;
            case "server_overloaded", "engine_overloaded" -> FailureKind.OVERLOADED;
            case "invalid_prompt", "invalid_request_error", "bio_policy", "data_residency_mismatch",
                 "invalid_encrypted_content", "unsupported_image_media_type", "empty_image_file",
                 "failed_to_download_image" -> FailureKind.INVALID_REQUEST;
            default -> code.startsWith("image_") || code.startsWith("invalid_")
                    ? FailureKind.INVALID_REQUEST : FailureKind.SERVER_ERROR;
        };
    }

    static boolean isContextOverflow(String code, String message) {
        if ("context_length_exceeded".equals(code)) {
            return true;
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("exceeds the context window") || m.contains("maximum context length");
    }

    /**
     * Anthropic's wording, which Claude Code compacts on: {@code prompt is too long: N tokens > M
     * maximum} when the provider gives the limit, else the provider's words after the same prefix.
     */
    static String promptTooLong(String providerMessage, int estimatedPrompt) {
        String m = providerMessage.toLowerCase(Locale.ROOT);
        Matcher limit = LIMIT.matcher(m);
        if (limit.find()) {
            int max = Integer.parseInt(limit.group(1));
            Matcher actual = ACTUAL.matcher(m);
            int tokens = actual.find() ? Integer.parseInt(actual.group(1)) : estimatedPrompt;
            return "prompt is too long: " + Math.max(tokens, max + 1) + " tokens > " + max + " maximum";
        }
        return "prompt is too long: " + providerMessage;
    }

    private static JsonNode errorObject(byte[] body) {
        try {
            JsonNode json = body == null || body.length == 0 ? null : ResponsesJson.MAPPER.readTree(body);
            JsonNode error = json == null ? null : json.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String plain(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = ProviderText.plain(body, MAX_MESSAGE); // one bounded pass: no regular expression over provider text
        return text.isEmpty() ? "(empty body)" : text;
    }

    private static String trim(String text) {
        return ProviderText.trim(text, MAX_MESSAGE);
    }
}
