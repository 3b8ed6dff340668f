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

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.json;
import static dev.claudia.router.systemtests.RouterUnderTest.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the caller gets back for each kind of provider answer (non-streaming). */
class ResponseTranslationContractTest {

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = RouterUnderTest.start(container.baseUrl(), Map.of("claude-resp", profile("resp", 1, "")), Map.of());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static HttpResponse<String> ask(String completion) {
        fake.script("resp", Script.json(completion));
        return router.post("/v1/messages", "{\"model\":\"claude-resp\",\"max_tokens\":100,\"stop_sequences\":[\"HALT\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void orders_thinking_text_and_tool_use_and_maps_usage_without_cached_tokens() {
        HttpResponse<String> response = ask("""
                {"id":"chatcmpl-upstream","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
                  "reasoning_content":"Let me think.","content":"I'll check.",
                  "tool_calls":[{"id":"call_1","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"/x\\"}"}},
                                {"id":"call_2","type":"function","function":{"name":"Grep","arguments":"{\\"pattern\\":\\"a\\",}"}}]}}],
                 "usage":{"prompt_tokens":120,"completion_tokens":30,"prompt_tokens_details":{"cached_tokens":100},
                          "completion_tokens_details":{"reasoning_tokens":7}}}""");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertTrue(body.get("id").asText().startsWith("msg_"));
        assertFalse(body.get("id").asText().contains("upstream"));
        assertEquals("claude-resp", body.get("model").asText());
        assertEquals("thinking", body.at("/content/0/type").asText());
        assertEquals("Let me think.", body.at("/content/0/thinking").asText());
        assertFalse(body.at("/content/0/signature").asText().isEmpty());
        assertEquals("text", body.at("/content/1/type").asText());
        assertEquals("tool_use", body.at("/content/2/type").asText());
        assertEquals("call_1", body.at("/content/2/id").asText());
        assertEquals("/x", body.at("/content/2/input/file_path").asText());
        assertEquals("a", body.at("/content/3/input/pattern").asText(), "trailing comma repaired");
        assertEquals("tool_use", body.get("stop_reason").asText(), "tool calls win over finish_reason stop");
        assertEquals(20, body.at("/usage/input_tokens").asInt(), "prompt minus cached");
        assertEquals(100, body.at("/usage/cache_read_input_tokens").asInt());
        assertEquals(30, body.at("/usage/output_tokens").asInt());
    }

    @ParameterizedTest(name = "finish_reason {0} -> {1}")
    @CsvSource({"stop, end_turn", "length, max_tokens", "content_filter, refusal", "tool_calls, tool_use", "null, end_turn"})
    void maps_finish_reasons(String finish, String stop) {
        String value = finish.equals("null") ? "null" : "\"" + finish + "\"";
        JsonNode body = json(ask("{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":" + value + "}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"));
        assertEquals(stop, body.get("stop_reason").asText());
    }

    @Test
    void a_matched_stop_sequence_is_reported() {
        JsonNode body = json(ask("{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\",\"stop_reason\":\"HALT\"}]}"));
        assertEquals("stop_sequence", body.get("stop_reason").asText());
        assertEquals("HALT", body.get("stop_sequence").asText());
    }

    @Test
    void missing_usage_is_estimated_never_zero() {
        JsonNode body = json(ask("{\"choices\":[{\"message\":{\"content\":\"A reasonably long answer of several words.\"},"
                + "\"finish_reason\":\"stop\"}]}"));
        assertTrue(body.at("/usage/input_tokens").asInt() > 0, body.toString());
        assertTrue(body.at("/usage/output_tokens").asInt() > 0, body.toString());
    }

    @Test
    void an_empty_completion_is_still_a_valid_message() {
        JsonNode body = json(ask("{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":0}}"));
        assertEquals("text", body.at("/content/0/type").asText());
        assertEquals("", body.at("/content/0/text").asText());
        assertEquals(0, body.at("/usage/output_tokens").asInt());
    }

    @Test
    void arguments_that_cannot_be_repaired_are_a_clear_error_not_an_empty_input() {
        HttpResponse<String> response = ask("{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"name\":\"Bash\",\"arguments\":\"command: ls -la ]\"}}]},\"finish_reason\":\"tool_calls\"}]}");
        assertEquals(502, response.statusCode(), response.body());
        JsonNode error = json(response);
        assertEquals("api_error", error.at("/error/type").asText());
        assertTrue(error.at("/error/message").asText().contains("'Bash'"), error.toString());
        assertFalse(response.body().contains("\"input\":{}"));
    }
}
