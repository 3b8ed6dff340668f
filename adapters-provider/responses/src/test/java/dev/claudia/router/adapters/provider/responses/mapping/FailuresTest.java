package dev.claudia.router.adapters.provider.responses.mapping;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenAI's error bodies and in-band error codes as domain failures. */
class FailuresTest {

    private static ProviderFailure http(int status, String body) {
        return Failures.fromStatus(status, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(7), "oai", "gpt-5",
                "OPENAI_API_KEY", 9000);
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    @ParameterizedTest(name = "HTTP {0} {2}")
    @CsvSource({"400, invalid_request_error, unknown_parameter, INVALID_REQUEST",
        "401, invalid_request_error, invalid_api_key, AUTHENTICATION", "403, invalid_request_error, unsupported_country_region_territory, PERMISSION",
        "404, invalid_request_error, model_not_found, NOT_FOUND", "429, requests, rate_limit_exceeded, RATE_LIMITED",
        "429, insufficient_quota, insufficient_quota, BILLING", "500, server_error, , SERVER_ERROR",
        "503, server_error, , OVERLOADED", "400, invalid_request_error, context_length_exceeded, CONTEXT_TOO_LONG"})
    void http_errors_get_the_kind_their_status_and_code_say(int status, String type, String code, FailureKind kind) {
        ProviderFailure failure = http(status, error("provider says so", type, code));
        assertEquals(kind, failure.kind());
        assertEquals(status, failure.upstreamStatus());
        assertEquals(Duration.ofSeconds(7), failure.retryAfter());
        assertTrue(failure.message().contains("provider says so"), failure.message());
    }

    @Test
    void messages_name_the_backend_the_model_and_the_key_variable() {
        assertEquals("backend 'oai' rejected the API key (HTTP 401); check OPENAI_API_KEY: Incorrect API key provided: sk-ab***",
                http(401, error("Incorrect API key provided: sk-ab***", "invalid_request_error", "invalid_api_key")).message());
        assertTrue(http(404, error("The model 'gpt-5' does not exist", "invalid_request_error", "model_not_found")).message()
                .startsWith("backend 'oai' does not know model 'gpt-5' (HTTP 404)"));
        assertEquals("backend 'oai' returned HTTP 502: Bad gateway", http(502, "<html><h1>Bad gateway</h1></html>").message());
    }

    @Test
    void a_context_overflow_is_worded_the_way_claude_code_compacts_on() {
        assertEquals("prompt is too long: Your input exceeds the context window of this model. Please adjust your input and try again.",
                http(400, error("Your input exceeds the context window of this model. Please adjust your input and try again.",
                        "invalid_request_error", "context_length_exceeded")).message());
        assertEquals("prompt is too long: 9000 tokens > 8192 maximum", http(400, error("This model's maximum context length "
                + "is 8192 tokens. However, your messages resulted in 9000 tokens.", "invalid_request_error", null)).message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rate_limit_exceeded, RATE_LIMITED", "server_error, SERVER_ERROR", "insufficient_quota, BILLING",
        "invalid_prompt, INVALID_REQUEST", "image_too_large, INVALID_REQUEST", "vector_store_timeout, TIMEOUT",
        "context_length_exceeded, CONTEXT_TOO_LONG", "something_new, SERVER_ERROR"})
    void in_band_codes_say_whether_retrying_can_help(String code, FailureKind kind) {
        assertEquals(kind, Failures.inBand(ResponsesJson.object("{\"code\":\"" + code + "\",\"message\":\"m\"}"), "oai").kind());
    }

    @Test
    void error_events_come_flat_or_nested() {
        ProviderFailure nested = Failures.inBand(ResponsesJson.object("{\"type\":\"error\",\"error\":{\"type\":\"server_error\","
                + "\"code\":null,\"message\":\"Sorry, something went wrong.\"}}"), "oai");
        assertEquals(FailureKind.SERVER_ERROR, nested.kind());
        assertEquals("backend 'oai' reported an error (server_error): Sorry, something went wrong.", nested.message());
        ProviderFailure flat = Failures.inBand(ResponsesJson.object("{\"type\":\"error\",\"code\":\"insufficient_quota\","
                + "\"message\":\"You exceeded your current quota\"}"), "oai");
        assertEquals(FailureKind.BILLING, flat.kind());
        assertFalse(flat.retryable());
    }
}
