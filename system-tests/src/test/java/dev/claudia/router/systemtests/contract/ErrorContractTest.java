package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.json;
import static dev.claudia.router.systemtests.RouterUnderTest.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provider failures, retries and timeouts as the caller sees them: Anthropic errors with the right status. */
class ErrorContractTest {

    private static final String HELLO = "{\"model\":\"%s\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String OK = "{\"choices\":[{\"message\":{\"content\":\"recovered\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}";

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = RouterUnderTest.start(container.baseUrl(), Map.of(
                "claude-err-once", profile("err-once", 1, ""),
                "claude-err-retry", profile("err-retry", 3, ""),
                "claude-err-fallback", profile("err-primary", 1, "\"fallbacks\":[\"claude-err-spare\"]"),
                "claude-err-spare", profile("err-spare", 1, "")), Map.of());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static HttpResponse<String> ask(String alias) {
        return router.post("/v1/messages", HELLO.formatted(alias));
    }

    @ParameterizedTest(name = "provider {0} -> {1} {2}")
    @CsvSource({
            "400, 400, invalid_request_error", "401, 401, authentication_error", "402, 402, billing_error",
            "403, 403, permission_error", "404, 404, not_found_error", "413, 413, request_too_large",
            "422, 400, invalid_request_error", "429, 429, rate_limit_error", "500, 500, api_error",
            "502, 500, api_error", "503, 529, overloaded_error", "504, 504, timeout_error"})
    void maps_provider_statuses_to_anthropic_errors(int upstream, int status, String type) {
        fake.script("err-once", Script.status(upstream).header("Retry-After", "3")
                .body("{\"error\":{\"message\":\"provider says " + upstream + "\",\"type\":\"x\"}}"));
        HttpResponse<String> response = ask("claude-err-once");
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("error", body.get("type").asText());
        assertEquals(type, body.at("/error/type").asText());
        assertTrue(body.at("/error/message").asText().contains("provider says " + upstream), body.toString());
        assertTrue(body.get("request_id").asText().startsWith("req_"));
        assertEquals(body.get("request_id").asText(), response.headers().firstValue("request-id").orElseThrow());
        assertFalse(response.body().contains("sk-fake-backend-key"), "no secrets in errors");
        if (upstream == 429) {
            assertEquals("3", response.headers().firstValue("retry-after").orElseThrow(), "Retry-After passed on");
        }
    }

    @Test
    void a_context_overflow_is_worded_the_way_claude_code_compacts_on() {
        fake.script("err-once", Script.status(400).body("{\"error\":{\"message\":\"This model's maximum context length is "
                + "8192 tokens. However, your messages resulted in 9000 tokens.\",\"code\":\"context_length_exceeded\"}}"));
        HttpResponse<String> response = ask("claude-err-once");
        assertEquals(400, response.statusCode());
        assertEquals("prompt is too long: 9000 tokens > 8192 maximum", json(response).at("/error/message").asText());
        assertEquals("false", response.headers().firstValue("x-should-retry").orElseThrow());
    }

    @Test
    void retries_rate_limits_and_server_errors_then_answers() {
        fake.script("err-retry", Script.status(429).header("Retry-After", "0").body("{\"error\":{\"message\":\"slow\"}}"),
                Script.status(500).body("{\"error\":{\"message\":\"boom\"}}"), Script.json(OK));
        int before = fake.requests("err-retry").size();
        HttpResponse<String> response = ask("claude-err-retry");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("recovered", json(response).at("/content/0/text").asText());
        assertEquals(before + 3, fake.requests("err-retry").size(), "retryAttempts=3 counts the first attempt");
    }

    @Test
    void never_retries_a_client_error() {
        fake.script("err-retry", Script.status(400).body("{\"error\":{\"message\":\"bad\"}}"), Script.json(OK));
        int before = fake.requests("err-retry").size();
        assertEquals(400, ask("claude-err-retry").statusCode());
        assertEquals(before + 1, fake.requests("err-retry").size());
        ask("claude-err-retry"); // use up the scripted OK
    }

    @Test
    void honours_retry_after_between_attempts() {
        fake.script("err-retry", Script.status(429).header("Retry-After", "1").body("{\"error\":{\"message\":\"wait\"}}"),
                Script.json(OK));
        long start = System.nanoTime();
        assertEquals(200, ask("claude-err-retry").statusCode());
        assertTrue(System.nanoTime() - start >= 950_000_000L, "waited the provider's Retry-After");
    }

    @Test
    void falls_back_to_the_next_profile_when_the_first_fails() {
        fake.script("err-primary", Script.status(503).body("{\"error\":{\"message\":\"loading\"}}"));
        fake.script("err-spare", Script.json(OK));
        HttpResponse<String> response = ask("claude-err-fallback");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("claude-err-fallback", json(response).get("model").asText());
    }

    @Test
    void an_unreachable_backend_is_a_502_naming_it() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (RouterUnderTest nowhere = RouterUnderTest.start(URI.create("http://127.0.0.1:" + closed + "/v1"),
                Map.of("claude-gone", profile("gone", 1, "")), Map.of())) {
            HttpResponse<String> response = nowhere.post("/v1/messages", HELLO.formatted("claude-gone"));
            assertEquals(502, response.statusCode());
            JsonNode body = json(response);
            assertEquals("api_error", body.at("/error/type").asText());
            assertTrue(body.at("/error/message").asText().contains("could not reach backend 'fake'"), body.toString());
        }
    }

    @Test
    void a_provider_slower_than_the_timeout_is_a_504() {
        try (RouterUnderTest impatient = RouterUnderTest.start(FakeOpenAiContainer.shared().baseUrl(),
                Map.of("claude-slow", profile("slow-one", 1, "")), Map.of("CLAUDIA_READ_TIMEOUT_MS", "500"))) {
            fake.script("slow-one", Script.json(OK).delayMs(3000));
            HttpResponse<String> response = impatient.post("/v1/messages", HELLO.formatted("claude-slow"));
            assertEquals(504, response.statusCode(), response.body());
            assertEquals("timeout_error", json(response).at("/error/type").asText());
        }
    }

    @Test
    void bad_client_json_is_a_400_before_any_provider_call() {
        int before = fake.requests("err-once").size();
        HttpResponse<String> response = router.post("/v1/messages", "{\"model\": \"claude-err-once\", \"max_tokens\": ");
        assertEquals(400, response.statusCode());
        assertEquals("invalid_request_error", json(response).at("/error/type").asText());
        assertEquals(before, fake.requests("err-once").size());
    }
}
