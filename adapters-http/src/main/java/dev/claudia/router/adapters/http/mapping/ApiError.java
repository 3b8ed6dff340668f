package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.adapters.http.wire.ErrorBody;
import dev.claudia.router.domain.message.Verbatim;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the router answers with: HTTP status, Anthropic error type, a message fit for the
 * caller (never a stack trace, never a secret) and extra headers such as {@code retry-after}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final transient Map<String, String> headers;
    private final transient Verbatim body;

    /** Longer messages are cut: a message may quote what the client sent, and that can be megabytes. */
    static final int MAX_MESSAGE = 2000;

    public ApiError(int status, String type, String message, Map<String, String> headers) {
        this(status, type, message, headers, null);
    }

    private ApiError(int status, String type, String message, Map<String, String> headers, Verbatim body) {
        super(message != null && message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message,
                null, false, false);
        this.status = status;
        this.type = type;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    /** An error whose body is a provider's own Anthropic error, sent as it came; {@code type} is for the log. */
    public static ApiError verbatim(int status, String type, String message, Verbatim body) {
        return new ApiError(status, type, message, Map.of(), body);
    }

    public static ApiError invalidRequest(String message) {
        return new ApiError(400, "invalid_request_error", message, Map.of());
    }

    public static ApiError of(int status, String type, String message) {
        return new ApiError(status, type, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ApiError withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiError(status, type, getMessage(), more, body);
    }

    /**
     * The Anthropic-shaped response: the router's own body (the request id is filled in by the
     * tracing filter), or the provider's, unchanged.
     */
    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body != null ? new VerbatimBody(body, type) : ErrorBody.of(type, getMessage(), null));
        headers.forEach(builder::header);
        return builder.build();
    }
}
