package dev.claudia.router.adapters.http.wire;

/**
 * Anthropic's error envelope, {@code {"type":"error","error":{"type":...,"message":...},"request_id":...}}.
 *
 * @see <a href="https://docs.claude.com/en/api/errors">Anthropic API errors</a>
 */
public record ErrorBody(String type, Detail error, String requestId) {

    public record Detail(String type, String message) {}

    public static ErrorBody of(String errorType, String message, String requestId) {
        return new ErrorBody("error", new Detail(errorType, message), requestId);
    }

    public ErrorBody withRequestId(String id) {
        return new ErrorBody(type, error, id);
    }
}
