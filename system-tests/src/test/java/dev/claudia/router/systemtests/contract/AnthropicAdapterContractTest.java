package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import dev.claudia.router.systemtests.fake.Script.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.JSON;
import static dev.claudia.router.systemtests.RouterUnderTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code anthropic} adapter through the running router, against the fake's Anthropic endpoint
 * in a container: requests go up as sent (model renamed, the backend's key, betas as configured),
 * answers, streams and errors come back byte for byte, the profile's declared limits apply to the
 * forwarded body, and profiles on it fall back to {@code openai-chat} ones (and a session stays there).
 */
class AnthropicAdapterContractTest {

    private static final String BACKEND_KEY = "sk-ant-contract-backend";
    private static final String CLIENT_KEY = "client-key"; // what RouterUnderTest sends
    private static final String BETAS = "claude-code-20250219,context-1m-2025-08-07,effort-2025-11-24";
    private static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
    private static final String ROUTER_PING = "event: ping\ndata: {\"type\":\"ping\"}\n\n";

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        fake.acceptAnthropicKeys(BACKEND_KEY);
        ObjectNode config = RouterUnderTest.config(container.baseUrl(), Map.of(
                "anth-text", anthropic("claude", "up-text", 1, ""),
                "anth-stream", anthropic("claude", "up-stream", 1, ""),
                "anth-tool", anthropic("claude", "up-tool", 1, ""),
                "anth-unknown", anthropic("claude", "up-unknown", 1, ""),
                "anth-extra", anthropic("claude", "up-extra", 1, ",\"extraBody\":{\"metadata\":{\"user_id\":\"profile\"}},"
                        + "\"options\":{\"dropBetas\":[\"effort-2025-11-24\"]}"),
                "anth-bearer", anthropic("claude-bearer", "up-bearer", 1, ""),
                "anth-429", anthropic("claude", "up-429", 3, ""),
                "anth-529", anthropic("claude", "up-529", 1, ""),
                "anth-fallback", anthropic("claude", "up-fallback", 1, ",\"fallbacks\":[\"openai-spare\"]"),
                "openai-spare", RouterUnderTest.profile("spare", 1, "")));
        ObjectNode profiles = (ObjectNode) config.get("modelProfiles");
        profiles.set("anth-wrong-key", JSON.readTree(anthropic("claude-wrong", "up-wrong", 1, "")));
        profiles.set("anth-count", JSON.readTree(anthropic("claude", "up-count", 1, "")));
        profiles.set("anth-limited", JSON.readTree(anthropic("claude", "up-limited", 1,
                ",\"contextWindow\":4096,\"maxOutputTokens\":128")));
        profiles.set("anth-sticky", JSON.readTree(anthropic("claude", "up-sticky", 1, ",\"fallbacks\":[\"openai-sticky\"]")));
        profiles.set("openai-sticky", JSON.readTree(RouterUnderTest.profile("spare-sticky", 1, "")));
        ObjectNode backends = (ObjectNode) config.get("backends");
        String base = container.baseUrl().toString();
        backends.set("claude", JSON.readTree("{\"adapter\":\"anthropic\",\"baseUrl\":\"" + base + "\",\"apiKeyEnv\":\"CLAUDE_KEY\","
                + "\"options\":{\"dropBetas\":[\"context-1m-*\"]}}"));
        backends.set("claude-bearer", JSON.readTree("{\"adapter\":\"anthropic\",\"baseUrl\":\"" + base + "\","
                + "\"apiKeyEnv\":\"CLAUDE_KEY\",\"options\":{\"auth\":\"bearer\"}}"));
        backends.set("claude-wrong", JSON.readTree("{\"adapter\":\"anthropic\",\"baseUrl\":\"" + base + "\","
                + "\"apiKeyEnv\":\"WRONG_KEY\"}"));
        router = RouterUnderTest.start(config, Map.of("CLAUDE_KEY", BACKEND_KEY, "WRONG_KEY", "sk-ant-not-accepted"));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static String anthropic(String backend, String model, int attempts, String extra) {
        return "{\"backend\":\"" + backend + "\",\"providerModel\":\"" + model + "\",\"retryAttempts\":" + attempts
                + ",\"retryBaseDelayMs\":0" + extra + "}";
    }

    private static String request(String alias, boolean stream) {
        return "{\"model\":\"" + alias + "\", \"max_tokens\":256,\"stream\":" + stream + ",\"system\":[{\"type\":\"text\","
                + "\"text\":\"be brief\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\"}]}}";
    }

    private static HttpResponse<String> post(String alias, boolean stream) {
        return router.send(router.request("/v1/messages?beta=true").header("anthropic-beta", BETAS)
                .POST(HttpRequest.BodyPublishers.ofString(request(alias, stream))));
    }

    private static Script frames(List<String> frames) {
        return Script.frames(frames.stream().map(Frame::raw).toArray(Frame[]::new));
    }

    /** Scripts the frames, streams through the router, and checks the caller got exactly them; the body it got. */
    private static String passedThrough(String upstreamModel, String alias, List<String> frames) {
        fake.script(upstreamModel, frames(frames));
        HttpResponse<String> response = post(alias, true);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertEquals(String.join("", frames), response.body().replace(ROUTER_PING, ""), "not one byte changed");
        return response.body();
    }

    private static List<Sse.Frame> parse(String body) throws Exception {
        return new Sse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).rest();
    }

    @Test
    void a_text_answer_comes_back_byte_for_byte_and_the_request_goes_up_as_sent_with_the_backends_key() throws Exception {
        String answer = "{\"id\":\"msg_01Up\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up-text-2026\","
                + " \"content\":[{\"type\":\"text\",\"text\":\"Hello from upstream \\u00e9\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":4}}";
        fake.script("up-text", Script.text(answer).header("Content-Type", "application/json"));
        HttpResponse<String> response = post("anth-text", false);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(answer, response.body(), "not one byte changed");

        JsonNode sent = fake.requests("up-text").getLast();
        ObjectNode expected = (ObjectNode) JSON.readTree(request("anth-text", false));
        expected.put("model", "up-text");
        assertEquals(expected, sent.get("body"), "the caller's request, model renamed, every field kept");
        assertEquals("/v1/messages", sent.get("path").asText());
        assertEquals(BACKEND_KEY, sent.at("/headers/x-api-key").asText());
        assertEquals("2023-06-01", sent.at("/headers/anthropic-version").asText());
        assertEquals("claude-code-20250219,effort-2025-11-24", sent.at("/headers/anthropic-beta").asText(),
                "the client's betas, minus the backend's dropBetas");
        sent.get("headers").properties().forEach(h -> assertFalse(h.getValue().asText().contains(CLIENT_KEY),
                "the client's key went up in " + h.getKey()));
    }

    @Test
    void a_streamed_text_answer_comes_back_byte_for_byte() throws Exception {
        List<String> frames = List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01S\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"up-stream\",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                "event: ping\ndata: {\"type\": \"ping\"}\n\n",
                "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\r\n\r\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo ✓\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        passedThrough("up-stream", "anth-stream", frames);
        assertTrue(fake.lastBody("up-stream").get("stream").asBoolean(), "the upstream was asked to stream");
    }

    @Test
    void a_streamed_tool_use_with_thinking_comes_back_byte_for_byte() throws Exception {
        List<String> frames = List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01T\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"up-tool\",\"content\":[],\"usage\":{\"input_tokens\":40,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"list files\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCkYIBRgCKkBx\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01Up\",\"name\":\"Bash\",\"input\":{}}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"command\\\": \\\"ls\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\" -la\\\"}\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        List<Sse.Frame> parsed = parse(passedThrough("up-tool", "anth-tool", frames));
        StringBuilder input = new StringBuilder();
        parsed.stream().filter(f -> f.data().at("/delta/type").asText().equals("input_json_delta"))
                .forEach(f -> input.append(f.data().at("/delta/partial_json").asText()));
        assertEquals("ls -la", JSON.readTree(input.toString()).get("command").asText());
    }

    @Test
    void event_and_block_types_the_router_does_not_know_pass_through_untouched() throws Exception {
        List<String> frames = List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01U\",\"usage\":{\"input_tokens\":5}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: brand_new_event_2031\ndata: {\"type\":\"brand_new_event_2031\",\"payload\":{\"nested\":[1,2,3]}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"a_future_reason\"},\"usage\":{\"output_tokens\":2}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        passedThrough("up-unknown", "anth-unknown", frames);
    }

    @Test
    void a_profile_merges_its_extra_body_and_drops_its_own_betas_too() throws Exception {
        fake.script("up-extra", Script.json("{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"x\","
                + "\"content\":[],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));
        assertEquals(200, post("anth-extra", false).statusCode());
        JsonNode sent = fake.requests("up-extra").getLast();
        assertEquals("profile", sent.at("/body/metadata/user_id").asText());
        assertEquals("be brief", sent.at("/body/system/0/text").asText());
        assertEquals("claude-code-20250219", sent.at("/headers/anthropic-beta").asText());
    }

    @Test
    void a_backend_can_send_its_key_as_a_bearer_token() {
        fake.script("up-bearer", Script.json("{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"x\","
                + "\"content\":[],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));
        HttpResponse<String> response = post("anth-bearer", false);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode sent = fake.requests("up-bearer").getLast();
        assertEquals("Bearer " + BACKEND_KEY, sent.at("/headers/authorization").asText());
        assertTrue(sent.at("/headers/x-api-key").isMissingNode(), sent.toString());
    }

    @Test
    void a_rejected_backend_key_is_anthropics_401_told_not_to_retry() throws Exception {
        HttpResponse<String> response = post("anth-wrong-key", false);
        assertEquals(401, response.statusCode());
        assertEquals("invalid x-api-key", json(response).at("/error/message").asText());
        assertEquals("authentication_error", json(response).at("/error/type").asText());
        assertEquals("false", response.headers().firstValue("x-should-retry").orElseThrow());
        assertEquals("sk-ant-not-accepted", fake.requests("up-wrong").getLast().at("/headers/x-api-key").asText());
        assertFalse(response.body().contains("sk-ant-"), "no key in the error");
    }

    @Test
    void a_429_with_a_long_retry_after_is_passed_through_at_once() {
        String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has "
                + "exceeded your per-minute rate limit\"},\"request_id\":\"req_011Up\"}";
        fake.script("up-429", Script.status(429).header("retry-after", "30").body(limited));
        int before = fake.requests("up-429").size();
        HttpResponse<String> response = post("anth-429", false);
        assertEquals(429, response.statusCode());
        assertEquals(limited, response.body());
        assertEquals("30", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals(before + 1, fake.requests("up-429").size(), "30 s is longer than the router waits: the caller decides");
    }

    @Test
    void a_529_is_passed_through_with_its_body_and_headers() {
        fake.script("up-529", Script.status(529).header("x-should-retry", "true").body(OVERLOADED));
        HttpResponse<String> response = post("anth-529", false);
        assertEquals(529, response.statusCode());
        assertEquals(OVERLOADED, response.body());
        assertEquals("true", response.headers().firstValue("x-should-retry").orElseThrow());
        assertTrue(response.headers().firstValue("request-id").orElseThrow().startsWith("req_"));
    }

    @Test
    void an_anthropic_profile_falls_back_to_an_openai_chat_one() throws Exception {
        fake.script("up-fallback", Script.status(529).body(OVERLOADED));
        fake.script("spare", Script.json("{\"choices\":[{\"message\":{\"content\":\"from the OpenAI side\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5}}"));
        HttpResponse<String> response = post("anth-fallback", false);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("from the OpenAI side", json(response).at("/content/0/text").asText());
        assertEquals("anth-fallback", json(response).get("model").asText(), "translated answers echo the alias");
    }

    @Test
    void a_stream_that_fails_before_content_falls_back_to_an_openai_chat_stream() throws Exception {
        String start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01F\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"up-fallback\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n";
        fake.script("up-fallback", Script.frames(Frame.raw(start), Frame.event("error", OVERLOADED)));
        fake.script("spare", Script.sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"spare \"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"stream\"},\"finish_reason\":\"stop\"}]}", "[DONE]"));
        HttpResponse<String> response = post("anth-fallback", true);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith(start), "the upstream's message_start, as it came: " + response.body());
        List<Sse.Frame> frames = parse(response.body());
        assertEquals(1, frames.stream().filter(f -> f.event().equals("message_start")).count(), Sse.names(frames).toString());
        assertEquals("spare stream", Sse.text(frames));
        assertEquals("message_stop", frames.getLast().event());
    }

    @Test
    void the_forwarded_body_carries_the_clamped_max_tokens_and_a_prompt_over_the_window_never_goes_up() throws Exception {
        fake.script("up-limited", Script.json("{\"id\":\"msg_01L\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"up-limited\",\"content\":[],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}"));
        HttpResponse<String> fits = post("anth-limited", false);
        assertEquals(200, fits.statusCode(), fits.body());
        ObjectNode expected = (ObjectNode) JSON.readTree(request("anth-limited", false));
        expected.put("model", "up-limited").put("max_tokens", 128);
        assertEquals(expected, fake.requests("up-limited").getLast().get("body"),
                "the caller's body, model renamed and max_tokens (256) lowered to the profile's maxOutputTokens");

        String tooLong = "{\"model\":\"anth-limited\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "word ".repeat(6_000) + "\"}]}";
        HttpResponse<String> refused = router.post("/v1/messages", tooLong);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(json(refused).at("/error/message").asText().matches("prompt is too long: \\d+ tokens > 4096 maximum"),
                refused.body());
        assertEquals(1, fake.requests("up-limited").size(), "the upstream was not asked");
    }

    @Test
    void a_session_that_fell_back_from_an_anthropic_profile_stays_on_the_openai_chat_one() throws Exception {
        fake.script("up-sticky", Script.status(529).body(OVERLOADED));
        String answer = "{\"choices\":[{\"message\":{\"content\":\"spare\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}";
        fake.script("spare-sticky", Script.json(answer), Script.json(answer));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = router.send(router.request("/v1/messages")
                    .header("x-claude-code-session-id", "5ace366f-sticky")
                    .POST(HttpRequest.BodyPublishers.ofString(request("anth-sticky", false))));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("spare", json(response).at("/content/0/text").asText());
        }
        assertEquals(1, fake.requests("up-sticky").size(), "the session's second request went to its fallback first");
        assertEquals(2, fake.requests("spare-sticky").size());
    }

    @Test
    void count_tokens_is_forwarded_and_counted_locally_where_the_upstream_has_none() throws Exception {
        fake.script("count_tokens:up-count", Script.json("{\"input_tokens\":777}"),
                Script.status(404).body("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"Not Found\"}}"));
        HttpResponse<String> counted = router.send(router.request("/v1/messages/count_tokens?beta=true")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"anth-count\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        assertEquals(777, json(counted).get("input_tokens").asInt(), counted.body());
        JsonNode sent = fake.requests("up-count").getLast();
        assertEquals("/v1/messages/count_tokens", sent.get("path").asText());
        assertEquals(BACKEND_KEY, sent.at("/headers/x-api-key").asText());

        HttpResponse<String> local = router.send(router.request("/v1/messages/count_tokens")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"anth-count\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        assertEquals(200, local.statusCode());
        int estimate = json(local).get("input_tokens").asInt();
        assertTrue(estimate > 0, local.body());
        assertNotEquals(777, estimate);
    }
}
