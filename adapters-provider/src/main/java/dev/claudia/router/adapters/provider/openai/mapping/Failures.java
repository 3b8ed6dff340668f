package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Provider failures to domain failures (protocol.md D.4): HTTP statuses, the many shapes of error
 * bodies in the wild, in-band stream errors, and network errors. Messages name the backend and
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
        String said = "backend '" + backend + "' returned HTTP " + status + ": " + detail;
        FailureKind kind = switch (status) {
            case 400, 422 -> ContextOverflow.matches(detail) ? FailureKind.CONTEXT_TOO_LONG : FailureKind.INVALID_REQUEST;
            case 401 -> FailureKind.AUTHENTICATION;
            case 402 -> FailureKind.BILLING;
            case 403 -> FailureKind.PERMISSION;
            case 404 -> FailureKind.NOT_FOUND;
            case 408, 504 -> FailureKind.TIMEOUT;
            case 409 -> FailureKind.SERVER_ERROR;
            case 413 -> ContextOverflow.matches(detail) ? FailureKind.CONTEXT_TOO_LONG : FailureKind.REQUEST_TOO_LARGE;
            case 429 -> FailureKind.RATE_LIMITED;
            case 503, 529 -> FailureKind.OVERLOADED;
            default -> status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.INVALID_REQUEST;
        };
        String message = switch (kind) {
            case CONTEXT_TOO_LONG -> ContextOverflow.anthropicMessage(detail, promptTokens);
            case AUTHENTICATION -> "backend '" + backend + "' rejected the API key (HTTP 401)"
                    + (keyEnv == null ? "" : "; check " + keyEnv) + ": " + detail;
            case NOT_FOUND -> "backend '" + backend + "' does not know model '" + providerModel + "' (HTTP 404): " + detail;
            default -> said;
        };
        return new ProviderFailure(kind, message, backend, status, retryAfter);
    }

    /** An error object sent inside a 200 answer or stream ({@code {"error":{...}}}). */
    public static ProviderFailure inBand(JsonNode error, String backend) {
        JsonNode codeNode = error.get("code");
        int code = codeNode != null && codeNode.canConvertToInt() && codeNode.isNumber() ? codeNode.intValue()
                : codeNode != null && codeNode.isTextual() && codeNode.textValue().matches("\\d{3}")
                ? Integer.parseInt(codeNode.textValue()) : 0;
        String message = error.isTextual() ? error.textValue() : ProviderJson.text(error, "message");
        String text = "backend '" + backend + "' reported an error: " + trim(message == null ? error.toString() : message);
        FailureKind kind = switch (code) {
            case 429 -> FailureKind.RATE_LIMITED;
            case 502, 503, 529 -> FailureKind.OVERLOADED;
            case 408, 504 -> FailureKind.TIMEOUT;
            case 400, 422 -> ContextOverflow.matches(text) ? FailureKind.CONTEXT_TOO_LONG : FailureKind.INVALID_REQUEST;
            case 401 -> FailureKind.AUTHENTICATION;
            case 402 -> FailureKind.BILLING;
            case 403 -> FailureKind.PERMISSION;
            default -> FailureKind.SERVER_ERROR;
        };
        return new ProviderFailure(kind, text, backend, code, null);
    }

    /** Connection refused, unknown host, TLS trouble, timeouts. */
    public static ProviderFailure fromIo(Throwable error, String backend, URI baseUrl, Duration readTimeout) {
        Throwable cause = rootIo(error);
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException
                || cause instanceof HttpTimeoutException) {
            String what = cause instanceof HttpConnectTimeoutException
                    || cause.getMessage() != null && cause.getMessage().toLowerCase().contains("connect")
                    ? "did not accept a connection in time" : "did not answer within " + readTimeout.toSeconds() + " s";
            return ProviderFailure.of(FailureKind.TIMEOUT, backend, "backend '" + backend + "' at " + baseUrl + " " + what);
        }
        String reason = switch (cause) {
            case ConnectException c -> "connection refused";
            case UnknownHostException u -> "unknown host " + u.getMessage();
            case NoRouteToHostException n -> "no route to host";
            case SSLException s -> "TLS error: " + s.getMessage();
            default -> cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        };
        return ProviderFailure.of(FailureKind.UNREACHABLE, backend, "could not reach backend '" + backend + "' at "
                + baseUrl + ": " + reason);
    }

    /** The most telling cause: the first well-known network error in the chain, else the deepest cause. */
    private static Throwable rootIo(Throwable error) {
        Throwable t = error;
        for (int depth = 0; depth < 10; depth++) {
            if (t instanceof SocketTimeoutException || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLException
                    || t instanceof InterruptedIOException || t instanceof HttpTimeoutException || t.getCause() == null) {
                return t;
            }
            t = t.getCause();
        }
        return t;
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
        return trim(new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip());
    }

    private static String trim(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
