package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.ResponsesEvents;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.JSON;
import static dev.claudia.router.systemtests.RouterUnderTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code openai-responses} adapter through the running router, against the fake's Responses
 * endpoint in a container, which checks every request the way OpenAI does (an unknown parameter, a
 * function call without its output, reasoning without its following item or with encrypted content
 * it never issued all fail the test): text, streamed text, a parallel tool round trip, reasoning
 * carried to the next turn, structured output, usage, every failure shape, and fallbacks between
 * this adapter's profiles and {@code openai-chat} ones.
 */
class ResponsesAdapterContractTest {

    private static final String KEY = "sk-proj-contract-responses-key";
    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        ObjectNode config = RouterUnderTest.config(container.baseUrl(), Map.of(
                "chat-spare", RouterUnderTest.profile("r-chat-spare", 1, ""),
                "chat-first", RouterUnderTest.profile("r-chat-first", 1, "\"fallbacks\":[\"resp-spare\"]")));
        ((ObjectNode) config.get("backends")).set("oai", JSON.readTree("{\"adapter\":\"openai-responses\",\"baseUrl\":\""
                + container.baseUrl() + "\",\"apiKeyEnv\":\"OAI_API_KEY\",\"defaultModel\":\"r-default\"}"));
        ObjectNode profiles = (ObjectNode) config.get("modelProfiles");
        for (String name : List.of("text", "stream", "tools", "think", "other-model", "schema", "usage", "errors", "failed",
                "broken", "spare", "claude-code", "incomplete", "misbehaving")) {
            profiles.set("resp-" + name, JSON.readTree(responses("r-" + name, 1, "")));
        }
        profiles.set("resp-retry", JSON.readTree(responses("r-retry", 3, "")));
        profiles.set("resp-first", JSON.readTree(responses("r-first", 1, ",\"fallbacks\":[\"chat-spare\"]")));
        profiles.set("resp-stop", JSON.readTree(responses("r-stop", 1, ",\"extraBody\":{\"stop\":[\"END\"]}")));
        router = RouterUnderTest.start(config, Map.of("OAI_API_KEY", KEY));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static String responses(String model, int attempts, String extra) {
        return "{\"backend\":\"oai\",\"providerModel\":\"" + model + "\",\"retryAttempts\":" + attempts
                + ",\"retryBaseDelayMs\":0" + extra + "}";
    }

    private static final String TOOLS = "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Weather\",\"input_schema\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}},"
            + "{\"name\":\"get_time\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}}}}]";

    private static String ask(String alias, boolean stream, String extra) {
        return "{\"model\":\"" + alias + "\",\"max_tokens\":512,\"stream\":" + stream + ",\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather and time in Paris?\"}]" + extra + "}";
    }

    private static HttpResponse<String> post(String body) {
        return router.post("/v1/messages", body);
    }

    private static List<Sse.Frame> frames(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return new Sse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8))).rest();
    }

    private static JsonNode sent(String model) {
        return fake.lastBody(model);
    }

    @Test
    void a_text_answer_with_the_request_translated_for_the_responses_api() throws Exception {
        fake.script("r-text", Script.json("{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"up\","
                + "\"output\":[{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"status\":\"completed\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Sunny, 14:05.\",\"annotations\":[]}]}],"
                + "\"usage\":{\"input_tokens\":21,\"output_tokens\":6}}"));
        HttpResponse<String> response = post(ask("resp-text", false, ""));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode message = json(response);
        assertEquals("Sunny, 14:05.", message.at("/content/0/text").asText());
        assertEquals("resp-text", message.get("model").asText());
        assertEquals("end_turn", message.get("stop_reason").asText());
        assertEquals(21, message.at("/usage/input_tokens").asInt());
        assertEquals(6, message.at("/usage/output_tokens").asInt());

        JsonNode request = fake.requests("r-text").getLast();
        assertEquals("/v1/responses", request.get("path").asText());
        assertEquals("Bearer " + KEY, request.at("/headers/authorization").asText());
        assertEquals(JSON.readTree("{\"model\":\"r-text\",\"instructions\":\"Be brief.\",\"input\":[{\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Weather and time in Paris?\"}]}],"
                + "\"max_output_tokens\":512,\"store\":false}"), request.get("body"), "the exact upstream body");
    }

    @Test
    void claude_codes_real_first_request_passes_openais_checks_without_loss() throws Exception {
        JsonNode original = JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of(
                System.getProperty("claudia.home", ".."), "adapters-http/src/test/resources/requests/claude-code-first-request.json")));
        ((ObjectNode) original).put("model", "resp-claude-code");
        fake.script("r-claude-code", ResponsesEvents.start().text("msg_cc", "Hello!").completed(ResponsesEvents.usage(9000, 0, 2, 0)));
        assertEquals("Hello!", Sse.text(frames(post(original.toString()))));
        JsonNode sent = sent("r-claude-code");
        assertEquals(original.get("tools").size(), sent.get("tools").size());
        for (int i = 0; i < original.get("tools").size(); i++) {
            assertEquals(original.at("/tools/" + i + "/name"), sent.at("/tools/" + i + "/name"));
            assertEquals(original.at("/tools/" + i + "/input_schema"), sent.at("/tools/" + i + "/parameters"),
                    "schema of " + original.at("/tools/" + i + "/name") + " unchanged");
            assertFalse(sent.at("/tools/" + i + "/strict").asBoolean());
        }
        assertFalse(sent.get("instructions").asText().contains("x-anthropic-billing-header"), "no per-request marker");
        assertEquals(original.get("max_tokens").asInt(), sent.get("max_output_tokens").asInt());
        assertEquals(JSON.readTree("{\"effort\":\"high\",\"summary\":\"auto\"}"), sent.get("reasoning"),
                "adaptive thinking at the effort Claude Code asked for");
        assertFalse(sent.toString().contains("clear_thinking_20251015"), "context_management is not forwarded");
        assertEquals(32, sent.get("safety_identifier").asText().length(), "metadata.user_id, hashed");
    }

    @Test
    void a_streamed_text_answer_arrives_as_it_is_generated() throws Exception {
        ResponsesEvents events = ResponsesEvents.start().text("msg_s", "Sunny ", "and ", "mild", ".");
        fake.script("r-stream", events.completed(ResponsesEvents.usage(30, 0, 4, 0)).frameDelayMs(250));
        HttpResponse<InputStream> response = router.client().send(router.request("/v1/messages")
                .POST(HttpRequest.BodyPublishers.ofString(ask("resp-stream", true, ""))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<Sse.Frame> frames = new Sse(response.body()).rest();
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"),
                Sse.names(frames).stream().filter(n -> !n.equals("ping")).toList());
        assertEquals("Sunny and mild.", Sse.text(frames));
        Sse.Frame first = frames.stream().filter(f -> f.event().equals("content_block_delta")).findFirst().orElseThrow();
        assertTrue(frames.getLast().atMillis() - first.atMillis() >= 500, "deltas were not held back: first at "
                + first.atMillis() + " ms, last at " + frames.getLast().atMillis() + " ms");
        JsonNode delta = frames.stream().filter(f -> f.event().equals("message_delta")).findFirst().orElseThrow().data();
        assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
        assertEquals(4, delta.at("/usage/output_tokens").asInt());
        assertTrue(sent("r-stream").get("stream").asBoolean());
    }

    @Test
    void a_parallel_tool_round_trip() throws Exception {
        fake.script("r-tools", ResponsesEvents.start().text("msg_t", "Checking both.")
                .call("fc_w", "call_weather", "get_weather", "{\"city\":", "\"Paris\"}")
                .call("fc_t", "call_time", "get_time", "{\"zone\":\"Europe/Paris\"}")
                .completed(ResponsesEvents.usage(90, 0, 40, 0)));
        List<Sse.Frame> frames = frames(post(ask("resp-tools", true, "," + TOOLS)));
        List<Sse.Frame> uses = frames.stream().filter(f -> f.event().equals("content_block_start")
                && f.data().at("/content_block/type").asText().equals("tool_use")).toList();
        assertEquals(List.of("call_weather", "call_time"), uses.stream().map(f -> f.data().at("/content_block/id").asText()).toList());
        assertEquals("tool_use", frames.stream().filter(f -> f.event().equals("message_delta")).findFirst().orElseThrow()
                .data().at("/delta/stop_reason").asText());
        JsonNode tools = sent("r-tools").get("tools");
        assertEquals(JSON.readTree("{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Weather\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]},\"strict\":false}"),
                tools.get(0));

        fake.script("r-tools", ResponsesEvents.start().text("msg_t2", "Sunny, 14:05.").completed(ResponsesEvents.usage(120, 0, 6, 0)));
        String history = ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather and time in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Checking both.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"call_weather\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}},"
                + "{\"type\":\"tool_use\",\"id\":\"call_time\",\"name\":\"get_time\",\"input\":{\"zone\":\"Europe/Paris\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_weather\",\"content\":\"sunny\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"call_time\",\"content\":[{\"type\":\"text\",\"text\":\"14:05\"}]}]}]";
        List<Sse.Frame> second = frames(post("{\"model\":\"resp-tools\",\"max_tokens\":512,\"stream\":true," + TOOLS + history + "}"));
        assertEquals("Sunny, 14:05.", Sse.text(second));
        JsonNode input = sent("r-tools").get("input");
        assertEquals(JSON.readTree("""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"Weather and time in Paris?"}]},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking both."}]},
                 {"type":"function_call","call_id":"call_weather","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                 {"type":"function_call","call_id":"call_time","name":"get_time","arguments":"{\\"zone\\":\\"Europe/Paris\\"}"},
                 {"type":"function_call_output","call_id":"call_weather","output":"sunny"},
                 {"type":"function_call_output","call_id":"call_time","output":"14:05"}]"""), input);
    }

    @Test
    void reasoning_comes_back_as_thinking_and_goes_back_on_the_next_turn() throws Exception {
        String encrypted = "gAAAAB-reasoning-" + System.nanoTime();
        fake.script("r-think", ResponsesEvents.start().reasoning("rs_think", encrypted, "**Looking up**", "Both tools.")
                .call("fc_w", "call_w", "get_weather", "{\"city\":\"Paris\"}").completed(ResponsesEvents.usage(60, 0, 50, 40)));
        String thinking = ",\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"high\"}," + TOOLS;
        List<Sse.Frame> frames = frames(post(ask("resp-think", true, thinking)));
        JsonNode asked = sent("r-think");
        assertEquals(JSON.readTree("{\"effort\":\"high\",\"summary\":\"auto\"}"), asked.get("reasoning"));
        assertEquals(JSON.readTree("[\"reasoning.encrypted_content\"]"), asked.get("include"));
        assertEquals("thinking", frames.get(1).data().at("/content_block/type").asText(), Sse.names(frames).toString());
        StringBuilder text = new StringBuilder();
        String signature = null;
        for (Sse.Frame f : frames) {
            if (f.event().equals("content_block_delta") && f.data().path("index").asInt() == 0) {
                text.append(f.data().at("/delta/thinking").asText(""));
                signature = f.data().at("/delta/type").asText().equals("signature_delta") ? f.data().at("/delta/signature").asText()
                        : signature;
            }
        }
        assertEquals("**Looking up**\n\nBoth tools.", text.toString());
        assertTrue(signature != null && signature.startsWith("claudia-responses."), String.valueOf(signature));

        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", "Weather in Paris?");
        ArrayNode turn = messages.addObject().put("role", "assistant").putArray("content");
        turn.addObject().put("type", "thinking").put("thinking", text.toString()).put("signature", signature);
        turn.addObject().put("type", "tool_use").put("id", "call_w").put("name", "get_weather").putObject("input").put("city", "Paris");
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                .put("tool_use_id", "call_w").put("content", "sunny");
        fake.script("r-think", ResponsesEvents.start().text("msg_2", "Sunny.").completed(ResponsesEvents.usage(80, 0, 3, 0)));
        String next = "{\"model\":\"resp-think\",\"max_tokens\":512,\"stream\":true,\"thinking\":{\"type\":\"adaptive\"},"
                + TOOLS + ",\"messages\":" + messages + "}";
        assertEquals("Sunny.", Sse.text(frames(post(next))));
        JsonNode input = sent("r-think").get("input");
        assertEquals(JSON.readTree("{\"type\":\"reasoning\",\"id\":\"rs_think\",\"summary\":[{\"type\":\"summary_text\","
                + "\"text\":\"**Looking up**\\n\\nBoth tools.\"}],\"encrypted_content\":\"" + encrypted + "\"}"), input.get(1),
                "the whole encrypted content of output_item.done, which the fake verifies");
        assertEquals("function_call", input.get(2).get("type").asText());

        // The same history on another model: its reasoning would not decrypt there, so it stays out.
        fake.script("r-other-model", ResponsesEvents.start().completed(ResponsesEvents.usage(1, 0, 1, 0)));
        frames(post(next.replace("\"resp-think\"", "\"resp-other-model\"")));
        sent("r-other-model").get("input").forEach(item -> assertFalse(item.path("type").asText().equals("reasoning"),
                item.toString()));
    }

    @Test
    void structured_output_asks_for_the_callers_schema() throws Exception {
        fake.script("r-schema", Script.json("{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"{\\\"city\\\":\\\"Paris\\\"}\"}]}],"
                + "\"usage\":{\"input_tokens\":9,\"output_tokens\":5}}"));
        String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],"
                + "\"additionalProperties\":false}";
        HttpResponse<String> response = post(ask("resp-schema", false, ",\"output_config\":{\"format\":{\"type\":\"json_schema\","
                + "\"schema\":" + schema + "}}"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Paris", JSON.readTree(json(response).at("/content/0/text").asText()).get("city").asText());
        assertEquals(JSON.readTree("{\"format\":{\"type\":\"json_schema\",\"name\":\"output\",\"schema\":" + schema
                + ",\"strict\":true}}"), sent("r-schema").get("text"));
    }

    @Test
    void usage_with_cached_and_reasoning_tokens_whole_and_streamed() throws Exception {
        fake.script("r-usage", ResponsesEvents.start().text("msg_u", "ok").completed(ResponsesEvents.usage(2100, 2048, 150, 128)));
        JsonNode streamed = frames(post(ask("resp-usage", true, ""))).stream().filter(f -> f.event().equals("message_delta"))
                .findFirst().orElseThrow().data().get("usage");
        assertEquals(52, streamed.get("input_tokens").asInt(), "the prompt minus what came from the cache");
        assertEquals(2048, streamed.get("cache_read_input_tokens").asInt());
        assertEquals(150, streamed.get("output_tokens").asInt(), "reasoning tokens are output tokens");
        fake.script("r-usage", Script.json("{\"status\":\"completed\",\"output\":[],\"usage\":{\"input_tokens\":2100,"
                + "\"input_tokens_details\":{\"cached_tokens\":2048},\"output_tokens\":150}}"));
        JsonNode whole = json(post(ask("resp-usage", false, ""))).get("usage");
        assertEquals(52, whole.get("input_tokens").asInt());
        assertEquals(2048, whole.get("cache_read_input_tokens").asInt());
    }

    @ParameterizedTest(name = "HTTP {0} {2} -> {3} {4}")
    @CsvSource(delimiter = '|', value = {
        "400|invalid_request_error|unknown_parameter|400|invalid_request_error",
        "401|invalid_request_error|invalid_api_key|401|authentication_error",
        "403|invalid_request_error|unsupported_country_region_territory|403|permission_error",
        "404|invalid_request_error|model_not_found|404|not_found_error",
        "429|insufficient_quota|insufficient_quota|402|billing_error",
        "500|server_error||500|api_error",
        "503|server_error||529|overloaded_error"})
    void http_errors_with_openai_bodies_become_anthropic_errors(int status, String type, String code, int expected,
                                                                String expectedType) throws Exception {
        fake.script("r-errors", Script.status(status).body("{\"error\":{\"message\":\"openai says " + status + "\",\"type\":\""
                + type + "\",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}"));
        HttpResponse<String> response = post(ask("resp-errors", false, ""));
        assertEquals(expected, response.statusCode(), response.body());
        assertEquals(expectedType, json(response).at("/error/type").asText());
        assertTrue(json(response).at("/error/message").asText().contains("openai says " + status), response.body());
        assertFalse(response.body().contains(KEY), "no key in errors");
    }

    @Test
    void a_context_overflow_is_worded_the_way_claude_code_compacts_on() {
        fake.script("r-errors", Script.status(400).body("{\"error\":{\"message\":\"Your input exceeds the context window of this "
                + "model. Please adjust your input and try again.\",\"type\":\"invalid_request_error\",\"param\":\"input\","
                + "\"code\":\"context_length_exceeded\"}}"));
        HttpResponse<String> response = post(ask("resp-errors", false, ""));
        assertEquals(400, response.statusCode());
        assertTrue(json(response).at("/error/message").asText().startsWith("prompt is too long: "), response.body());
    }

    @Test
    void a_parameter_openai_does_not_know_is_its_400_with_its_words() {
        HttpResponse<String> response = post(ask("resp-stop", false, ""));
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(json(response).at("/error/message").asText().contains("Unknown parameter: 'stop'."), response.body());
    }

    @Test
    void a_429_is_retried_after_its_retry_after_and_a_long_one_reaches_the_caller() {
        int before = fake.requests("r-retry").size();
        fake.script("r-retry", Script.status(429).header("retry-after", "0").body("{\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"),
                Script.json("{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"output_text\",\"text\":\"after the wait\"}]}],\"usage\":{\"input_tokens\":3,\"output_tokens\":3}}"));
        HttpResponse<String> retried = post(ask("resp-retry", false, ""));
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("after the wait", json(retried).at("/content/0/text").asText());
        assertEquals(before + 2, fake.requests("r-retry").size());

        fake.script("r-errors", Script.status(429).header("retry-after", "30").body("{\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
        HttpResponse<String> limited = post(ask("resp-errors", false, ""));
        assertEquals(429, limited.statusCode());
        assertEquals("30", limited.headers().firstValue("retry-after").orElseThrow());
        assertEquals("rate_limit_error", json(limited).at("/error/type").asText());
    }

    @Test
    void response_failed_before_content_is_retried_invisibly() throws Exception {
        int before = fake.requests("r-retry").size();
        fake.script("r-retry", ResponsesEvents.start().failed("server_error", "The server had an error processing your request."),
                ResponsesEvents.start().text("msg_r", "second try").completed(ResponsesEvents.usage(5, 0, 2, 0)));
        List<Sse.Frame> frames = frames(post(ask("resp-retry", true, "")));
        assertEquals(1, frames.stream().filter(f -> f.event().equals("message_start")).count(), Sse.names(frames).toString());
        assertEquals("second try", Sse.text(frames));
        assertEquals("message_stop", frames.getLast().event());
        assertEquals(before + 2, fake.requests("r-retry").size());
    }

    @Test
    void response_failed_and_error_events_after_content_end_the_stream_with_an_error_event() throws Exception {
        fake.script("r-failed", ResponsesEvents.start().text("msg_f", "Half").failed("server_error", "boom mid-answer"));
        List<Sse.Frame> failed = frames(post(ask("resp-failed", true, "")));
        assertEquals("Half", Sse.text(failed));
        assertEquals("error", failed.getLast().event(), Sse.names(failed).toString());
        assertEquals("api_error", failed.getLast().data().at("/error/type").asText());
        assertTrue(failed.getLast().data().at("/error/message").asText().contains("boom mid-answer"));
        assertFalse(Sse.names(failed).contains("message_stop"));

        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("type", "rate_limit_exceeded").put("code", "rate_limit_exceeded")
                .put("message", "Rate limit reached for requests").putNull("param");
        fake.script("r-failed", ResponsesEvents.start().text("msg_e", "Partial").event("error", error).cut());
        List<Sse.Frame> errored = frames(post(ask("resp-failed", true, "")));
        assertEquals("error", errored.getLast().event());
        assertEquals("rate_limit_error", errored.getLast().data().at("/error/type").asText());
    }

    @Test
    void a_stream_without_its_final_event_or_with_a_malformed_one_ends_with_an_error_event() throws Exception {
        fake.script("r-broken", ResponsesEvents.start().text("msg_b", "Cut ", "off").cut());
        List<Sse.Frame> cut = frames(post(ask("resp-broken", true, "")));
        assertEquals("Cut off", Sse.text(cut));
        assertEquals("error", cut.getLast().event(), Sse.names(cut).toString());
        assertTrue(cut.getLast().data().at("/error/message").asText().contains("before response.completed"));

        fake.script("r-broken", ResponsesEvents.start().text("msg_m", "Some").raw("event: response.output_text.delta\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\n\n").cut());
        List<Sse.Frame> malformed = frames(post(ask("resp-broken", true, "")));
        assertEquals("error", malformed.getLast().event());
        assertTrue(malformed.getLast().data().at("/error/message").asText().contains("not a JSON object"),
                malformed.getLast().data().toString());
    }

    @Test
    void a_responses_profile_falls_back_to_an_openai_chat_one_and_back() throws Exception {
        fake.script("r-first", Script.status(503).body("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}"));
        fake.script("r-chat-spare", Script.json("{\"choices\":[{\"message\":{\"content\":\"from chat completions\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":3}}"));
        HttpResponse<String> toChat = post(ask("resp-first", false, ""));
        assertEquals(200, toChat.statusCode(), toChat.body());
        assertEquals("from chat completions", json(toChat).at("/content/0/text").asText());
        assertEquals("resp-first", json(toChat).get("model").asText());
        assertEquals("/v1/chat/completions", fake.requests("r-chat-spare").getLast().get("path").asText());

        fake.script("r-chat-first", Script.status(500).body("{\"error\":{\"message\":\"boom\"}}"));
        fake.script("r-spare", ResponsesEvents.start().text("msg_sp", "from ", "responses").completed(ResponsesEvents.usage(4, 0, 2, 0)));
        List<Sse.Frame> toResponses = frames(post(ask("chat-first", true, "")));
        assertEquals("from responses", Sse.text(toResponses));
        assertEquals("/v1/responses", fake.requests("r-spare").getLast().get("path").asText());
    }

    @Test
    void a_stream_that_fails_before_content_falls_back_from_responses_to_chat() throws Exception {
        fake.script("r-first", ResponsesEvents.start().failed("server_error", "The server had an error"));
        fake.script("r-chat-spare", Script.sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"chat \"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"stream\"},\"finish_reason\":\"stop\"}]}", "[DONE]"));
        List<Sse.Frame> frames = frames(post(ask("resp-first", true, "")));
        assertEquals(1, frames.stream().filter(f -> f.event().equals("message_start")).count());
        assertEquals("chat stream", Sse.text(frames));
        assertEquals("message_stop", frames.getLast().event());
    }

    @ParameterizedTest(name = "{0}, streamed {1} -> {2}")
    @CsvSource({"max_output_tokens,true,max_tokens", "max_output_tokens,false,max_tokens",
        "content_filter,true,refusal", "content_filter,false,refusal"})
    void an_incomplete_response_keeps_its_text_and_says_why_it_stopped(String reason, boolean stream, String stopReason)
            throws Exception {
        if (stream) {
            fake.script("r-incomplete", ResponsesEvents.start().text("msg_i", "Sunny ", "and").incomplete(reason,
                    ResponsesEvents.usage(30, 0, 16, 0)));
            List<Sse.Frame> frames = frames(post(ask("resp-incomplete", true, "")));
            assertEquals("Sunny and", Sse.text(frames));
            JsonNode delta = frames.stream().filter(f -> f.event().equals("message_delta")).findFirst().orElseThrow().data();
            assertEquals(stopReason, delta.at("/delta/stop_reason").asText(), delta.toString());
            assertEquals(16, delta.at("/usage/output_tokens").asInt());
            assertEquals("message_stop", frames.getLast().event(), "an incomplete answer is an answer, not an error: "
                    + Sse.names(frames));
        } else {
            fake.script("r-incomplete", Script.json("{\"id\":\"resp_i\",\"object\":\"response\",\"status\":\"incomplete\","
                    + "\"incomplete_details\":{\"reason\":\"" + reason + "\"},\"output\":[{\"id\":\"msg_i\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"status\":\"incomplete\",\"content\":[{\"type\":\"output_text\",\"text\":"
                    + "\"Sunny and\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":30,\"output_tokens\":16}}"));
            HttpResponse<String> response = post(ask("resp-incomplete", false, ""));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("Sunny and", json(response).at("/content/0/text").asText());
            assertEquals(stopReason, json(response).get("stop_reason").asText(), response.body());
            assertEquals(16, json(response).at("/usage/output_tokens").asInt());
        }
    }

    @ParameterizedTest(name = "{0}, streamed {1}")
    @CsvSource(delimiter = '|', value = {
        "html|false|not a Responses API response", "html|true|HTML page instead of an event stream",
        "redirect|false|redirect (HTTP 307 to", "redirect|true|never follows provider redirects"})
    void an_html_page_or_a_redirect_from_a_responses_backend_is_a_clear_502_naming_it(String answer, boolean stream,
                                                                                     String says) throws Exception {
        String page = "<html><head><title>Sign in</title></head><body><h1>Captive portal</h1></body></html>";
        fake.script("r-misbehaving", answer.equals("html") ? Script.text(page).header("Content-Type", "text/html")
                : Script.status(307).header("Location", "/elsewhere/v1/responses?sig=abc"));
        HttpResponse<String> response = post(ask("resp-misbehaving", stream, ""));
        assertEquals(502, response.statusCode(), response.body());
        JsonNode error = json(response);
        assertEquals("api_error", error.at("/error/type").asText(), response.body());
        String message = error.at("/error/message").asText();
        assertTrue(message.contains("backend 'oai'") && message.contains(says), message);
        assertFalse(response.body().contains("<h1>") || response.body().contains("sig=abc") || response.body().contains(KEY),
                "no markup, no redirect query, no key: " + response.body());
        assertTrue(fake.requests().stream().noneMatch(r -> r.path("path").asText().startsWith("/elsewhere/v1/responses")),
                "the redirect's target never got the prompt");
    }
}
