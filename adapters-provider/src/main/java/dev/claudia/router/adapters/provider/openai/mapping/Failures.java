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
import java.util.Locale;
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

    /** The one status table (protocol.md D.4), for HTTP answers and in-band error codes alike. */
    static FailureKind kind(int status, String detail) {
        return switch (status) {
            case 400, 422 -> ContextOverflow.matches(detail) ? FailureKind.CONTEXT_TOO_LONG : FailureKind.INVALID_REQUEST;
            case 401 -> FailureKind.AUTHENTICATION;
            case 402 -> FailureKind.BILLING;
            case 403 -> FailureKind.PERMISSION;
            case 404 -> FailureKind.NOT_FOUND;
            case 408, 504 -> FailureKind.TIMEOUT;
            // A conflict at a provider is a transient server-side state (OpenAI documents 409 as
            // "try again"), not a client error.
            case 409 -> FailureKind.SERVER_ERROR;
            case 413 -> FailureKind.REQUEST_TOO_LARGE;
            case 429 -> FailureKind.RATE_LIMITED;
            // 529 is Anthropic's own "overloaded"; some gateways in front of Claude pass it on.
            case 503, 529 -> FailureKind.OVERLOADED;
            default -> status >= 500 ? FailureKind.SERVER_ERROR : status >= 400 ? FailureKind.INVALID_REQUEST
                    : FailureKind.SERVER_ERROR;
        };
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
        String text = "backend '" + backend + "' reported an error: " + trim(message == null ? error.toString() : message);
        FailureKind kind = code >= 400 && code < 600 ? kind(code, text) : FailureKind.SERVER_ERROR;
        return new ProviderFailure(kind, kind == FailureKind.CONTEXT_TOO_LONG
                ? ContextOverflow.anthropicMessage(message == null ? text : message, 0) : text, backend, code, null);
    }

    /** Connection refused, unknown host, TLS trouble, timeouts; {@code error} may be wrapped (Jersey's ProcessingException). */
    public static ProviderFailure fromIo(Throwable error, String backend, URI baseUrl, Duration connectTimeout,
                                        Duration readTimeout) {
        Throwable cause = rootIo(error);
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException
                || cause instanceof HttpTimeoutException) {
            boolean connecting = cause instanceof HttpConnectTimeoutException
                    || cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect");
            String what = connecting ? "did not accept a connection within " + seconds(connectTimeout)
                    : "did not answer within " + seconds(readTimeout);
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

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
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
