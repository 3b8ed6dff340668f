package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.lang.System.Logger.Level;

/**
 * Every error leaves as an Anthropic error body with the right status: errors the router raises
 * on purpose, Jersey's own (unknown endpoint, wrong method, unsupported media type), and bugs,
 * which are logged with their stack trace but answered with a plain message.
 */
public final class ErrorMappers {

    private ErrorMappers() {}

    public static final class Api implements ExceptionMapper<ApiError> {
        @Override
        public Response toResponse(ApiError error) {
            return error.toResponse();
        }
    }

    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            int status = exception.getResponse().getStatus();
            ApiError error = switch (status) {
                case 404 -> ApiError.of(404, "not_found_error", "no such endpoint; Claudia Router serves POST "
                        + "/v1/messages, POST /v1/messages/count_tokens, GET /v1/models, GET /health");
                case 405 -> ApiError.of(405, "invalid_request_error", "method not allowed on this endpoint");
                case 415 -> ApiError.of(415, "invalid_request_error", "unsupported content type; send application/json");
                default -> status >= 500
                        ? ApiError.of(status, "api_error", "internal error in Claudia Router")
                        : ApiError.of(status, "invalid_request_error", exception.getMessage());
            };
            return error.toResponse();
        }
    }

    public static final class Unexpected implements ExceptionMapper<Throwable> {
        private static final System.Logger LOG = System.getLogger("claudia.http");

        @Override
        public Response toResponse(Throwable bug) {
            LOG.log(Level.ERROR, "unexpected error while handling a request", bug);
            return ApiError.of(500, "api_error", "internal error in Claudia Router; see the router log for this "
                    + "request id").toResponse();
        }
    }
}
