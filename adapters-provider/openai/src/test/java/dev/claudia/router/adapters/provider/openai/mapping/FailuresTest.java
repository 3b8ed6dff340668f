package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "openai|{\"error\":{\"message\":\"bad thing\",\"type\":\"x\"}}|bad thing",
            "top level|{\"message\":\"bad thing\",\"type\":\"x\"}|bad thing",
            "string error|{\"error\":\"bad thing\"}|bad thing",
            "fastapi detail|{\"detail\":\"bad thing\"}|bad thing",
            "gemini array|[{\"error\":{\"code\":400,\"message\":\"bad thing\",\"status\":\"INVALID_ARGUMENT\"}}]|bad thing",
            "html|<html><body><h1>502 Bad Gateway</h1></body></html>|502 Bad Gateway",
            "plain text|No model loaded|No model loaded",
    })
    void quotes_the_provider_from_any_error_shape(String name, String body, String expected) {
        assertEquals(expected, Failures.message(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "openai|This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.|prompt is too long: 9000 tokens > 8192 maximum",
            "vllm with max_tokens|This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (3000 in the messages, 2000 in the completion).|input length and `max_tokens` exceed context limit: 3000 + 2000 > 4096, decrease input length or `max_tokens` and try again",
            "vllm prompt alone|This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4500 in the messages, 500 in the completion).|prompt is too long: 4500 tokens > 4096 maximum",
            "llama.cpp|request (9000 tokens) exceeds the available context size (8192 tokens), try increasing it|prompt is too long: 9000 tokens > 8192 maximum",
            "no numbers|the request exceeds the available context size, try increasing it|prompt is too long: 1234 tokens > 1233 maximum",
    })
    void words_context_overflow_the_way_claude_code_reads_it(String name, String message, String expected) {
        ProviderFailure failure = Failures.fromStatus(400, ("{\"error\":{\"message\":\"" + message + "\"}}")
                .getBytes(StandardCharsets.UTF_8), null, "b", "m", null, 1234);
        assertEquals(FailureKind.CONTEXT_TOO_LONG, failure.kind());
        if (!name.equals("no numbers")) {
            assertEquals(expected, failure.message());
        } else {
            assertTrue(failure.message().startsWith("prompt is too long: "), failure.message());
        }
    }

    @Test
    void says_which_backend_answered_what() {
        ProviderFailure failure = Failures.fromStatus(500, "{\"error\":{\"message\":\"kaput\"}}".getBytes(StandardCharsets.UTF_8),
                null, "nvidia", "m", null, 1);
        assertEquals("backend 'nvidia' returned HTTP 500: kaput", failure.message());
        assertEquals(500, failure.upstreamStatus());
    }

    @Test
    void an_authentication_failure_names_the_backend_and_the_key_variable() {
        ProviderFailure failure = Failures.fromStatus(401, "{\"error\":\"Invalid API key\"}".getBytes(StandardCharsets.UTF_8),
                null, "nvidia", "m", "NVIDIA_API_KEY", 1);
        assertEquals(FailureKind.AUTHENTICATION, failure.kind());
        assertTrue(failure.message().startsWith("backend 'nvidia' rejected the API key (HTTP 401); check NVIDIA_API_KEY"),
                failure.message());
    }

    @Test
    void a_missing_model_names_the_model_and_the_backend() {
        ProviderFailure failure = Failures.fromStatus(404, "model not found".getBytes(StandardCharsets.UTF_8), null, "groq",
                "llama-9", null, 1);
        assertEquals(FailureKind.NOT_FOUND, failure.kind());
        assertTrue(failure.message().contains("'groq'") && failure.message().contains("'llama-9'"), failure.message());
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"400, INVALID_REQUEST", "401, AUTHENTICATION", "402, BILLING", "403, PERMISSION", "404, NOT_FOUND",
        "405, INVALID_REQUEST", "408, TIMEOUT", "409, SERVER_ERROR", "413, REQUEST_TOO_LARGE", "418, INVALID_REQUEST",
        "422, INVALID_REQUEST", "429, RATE_LIMITED", "500, SERVER_ERROR", "501, SERVER_ERROR", "502, SERVER_ERROR",
        "503, OVERLOADED", "504, TIMEOUT", "507, SERVER_ERROR"})
    void maps_every_status_through_one_table(int status, FailureKind kind) {
        assertEquals(kind, Failures.fromStatus(status, new byte[0], null, "b", "m", null, 1).kind());
    }

    @Test
    void a_413_stays_request_too_large_even_when_it_talks_about_tokens() {
        assertEquals(FailureKind.REQUEST_TOO_LARGE, Failures.fromStatus(413,
                "Request too large: too many tokens".getBytes(StandardCharsets.UTF_8), null, "b", "m", null, 1).kind());
    }

    @Test
    void context_overflow_without_numbers_quotes_the_provider() {
        ProviderFailure failure = Failures.fromStatus(400, "{\"error\":{\"message\":\"context_length_exceeded\"}}"
                .getBytes(StandardCharsets.UTF_8), null, "b", "m", null, 1234);
        assertEquals(FailureKind.CONTEXT_TOO_LONG, failure.kind());
        assertEquals("prompt is too long: context_length_exceeded", failure.message());
    }

    @Test
    void trims_long_provider_messages() {
        String html = "<html><body>" + "x".repeat(1000) + "</body></html>";
        assertTrue(Failures.message(html.getBytes(StandardCharsets.UTF_8)).length() <= 303);
        assertEquals("(empty body)", Failures.message(new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "numeric code|{\"message\":\"slow\",\"code\":429}|RATE_LIMITED",
        "code as text|{\"message\":\"busy\",\"code\":\"503\"}|OVERLOADED",
        "numeric status|{\"message\":\"x\",\"status\":502}|SERVER_ERROR",
        "words only|{\"message\":\"x\",\"code\":\"server_error\"}|SERVER_ERROR",
        "a string|\"upstream died\"|SERVER_ERROR",
        "context|{\"message\":\"maximum context length is 10 tokens\",\"code\":400}|CONTEXT_TOO_LONG"})
    void maps_in_band_errors_by_their_code(String name, String error, FailureKind kind) throws Exception {
        ProviderFailure failure = Failures.inBand(ProviderJson.MAPPER.readTree(error), "or");
        assertEquals(kind, failure.kind());
        assertTrue(failure.message().contains("'or'") || kind == FailureKind.CONTEXT_TOO_LONG, failure.message());
    }
}
