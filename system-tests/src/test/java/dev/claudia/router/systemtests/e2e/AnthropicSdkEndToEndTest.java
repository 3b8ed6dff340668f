package dev.claudia.router.systemtests.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official Anthropic Java SDK as the client: what its users would do, against the router and the fake provider. */
class AnthropicSdkEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = RouterUnderTest.start(container.baseUrl(), Map.of(
                "claude-sdk-text", profile("text", 1, ""),
                "claude-sdk", profile("sdk", 1, ""),
                "claude-sdk-400", profile("error-400", 1, ""),
                "claude-sdk-500", profile("error-500", 1, "")), Map.of());
        client = AnthropicOkHttpClient.builder().baseUrl(router.baseUri().toString()).apiKey("sdk-user-key")
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        router.close();
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city")).build())
                .build();
    }

    private static JsonNode input(ToolUseBlock toolUse) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(toolUse._input()));
    }

    @Test
    void text_answer() {
        Message message = client.messages().create(MessageCreateParams.builder().model("claude-sdk-text").maxTokens(100)
                .addUserMessage("Hello").build());
        assertEquals("Hello from fake-openai.", message.content().getFirst().text().orElseThrow().text());
        assertEquals("claude-sdk-text", message.model().asString());
        assertEquals(12, message.usage().inputTokens());
        assertEquals(5, message.usage().outputTokens());
        assertTrue(message.id().startsWith("msg_"));
    }

    @Test
    void tool_use_round_trip() throws Exception {
        fake.script("sdk", Script.json("""
                {"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_w","type":"function",
                  "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":40,"completion_tokens":9}}"""),
                Script.json("{\"choices\":[{\"message\":{\"content\":\"Sunny, 22°C.\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":60,\"completion_tokens\":5}}"));
        MessageCreateParams first = MessageCreateParams.builder().model("claude-sdk").maxTokens(200)
                .addTool(weatherTool()).addUserMessage("Weather in Paris?").build();
        Message call = client.messages().create(first);
        ToolUseBlock toolUse = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().toolUse().orElseThrow();
        assertEquals("get_weather", toolUse.name());
        assertEquals("Paris", input(toolUse).get("city").asText());
        assertEquals("tool_use", call.stopReason().orElseThrow().asString());

        Message answer = client.messages().create(first.toBuilder().addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(toolUse.id()).content("22°C and sunny").build())))
                .build());
        assertEquals("Sunny, 22°C.", answer.content().getFirst().text().orElseThrow().text());
        JsonNode sent = fake.requests("sdk").getLast().get("body").get("messages");
        assertEquals(toolUse.id(), sent.at("/1/tool_calls/0/id").asText());
        assertEquals("tool", sent.at("/2/role").asText());
        assertEquals(toolUse.id(), sent.at("/2/tool_call_id").asText());
        assertEquals("22°C and sunny", sent.at("/2/content").asText());
    }

    @Test
    void provider_errors_surface_as_the_sdks_exception_types() {
        MessageCreateParams.Builder params = MessageCreateParams.builder().maxTokens(50).addUserMessage("x");
        BadRequestException bad = assertThrows(BadRequestException.class,
                () -> client.messages().create(params.model("claude-sdk-400").build()));
        assertTrue(bad.getMessage().contains("Invalid parameter"), bad.getMessage());
        assertThrows(InternalServerException.class, () -> client.messages().create(params.model("claude-sdk-500").build()));
        fake.script("sdk", Script.status(429).header("Retry-After", "30").body("{\"error\":{\"message\":\"too many\"}}"));
        RateLimitException limited = assertThrows(RateLimitException.class,
                () -> client.messages().create(params.model("claude-sdk").build()));
        assertEquals(429, limited.statusCode());
    }

    private static Message streamed(String alias) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams.builder()
                .model(alias).maxTokens(300).addTool(weatherTool()).addUserMessage("go").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static String chunk(String delta, String finish) {
        return "{\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    @Test
    void the_streaming_accumulator_rebuilds_text_and_thinking() {
        fake.script("sdk", Script.sse(chunk("{\"role\":\"assistant\",\"reasoning_content\":\"Let me \"}", null),
                chunk("{\"reasoning_content\":\"think.\"}", null), chunk("{\"content\":\"Héllo \"}", null),
                chunk("{\"content\":\"wörld\"}", "stop"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":6}}", "[DONE]"));
        Message message = streamed("claude-sdk");
        assertEquals("Let me think.", message.content().get(0).thinking().orElseThrow().thinking());
        assertTrue(!message.content().get(0).thinking().orElseThrow().signature().isEmpty());
        assertEquals("Héllo wörld", message.content().get(1).text().orElseThrow().text());
        assertEquals(6, message.usage().outputTokens());
        assertEquals("end_turn", message.stopReason().orElseThrow().asString());
    }

    @Test
    void the_streaming_accumulator_gets_the_exact_tool_input_with_escapes_and_non_ascii() throws Exception {
        String arguments = "{\"city\":\"Zürich \\\"Altstadt\\\"\",\"note\":\"line1\\nline2 \\u2713\",\"days\":[1,2]}";
        String encoded = JSON.writeValueAsString(arguments);
        int cut = arguments.length() / 2;
        fake.script("sdk", Script.sse(
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_x\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JSON.writeValueAsString(arguments.substring(0, cut)) + "}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JSON.writeValueAsString(arguments.substring(cut)) + "}}]}", null),
                chunk("{}", "tool_calls"), "[DONE]"));
        Message message = streamed("claude-sdk");
        ToolUseBlock toolUse = message.content().getFirst().toolUse().orElseThrow();
        assertEquals("call_x", toolUse.id());
        assertEquals(JSON.readTree(arguments), input(toolUse), "from " + encoded);
        assertEquals("tool_use", message.stopReason().orElseThrow().asString());
    }

    @Test
    void the_streaming_accumulator_gets_parallel_tool_calls_as_separate_blocks() throws Exception {
        fake.script("sdk", Script.sse(
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}},"
                        + "{\"index\":1,\"id\":\"call_2\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}},"
                        + "{\"index\":0,\"function\":{\"arguments\":\"\\\"Rome\\\"}\"}}]}", null),
                chunk("{}", "tool_calls"), "[DONE]"));
        Message message = streamed("claude-sdk");
        assertEquals(2, message.content().size());
        assertEquals("Rome", input(message.content().get(0).toolUse().orElseThrow()).get("city").asText());
        assertEquals("Oslo", input(message.content().get(1).toolUse().orElseThrow()).get("city").asText());
        assertEquals("call_2", message.content().get(1).toolUse().orElseThrow().id());
    }
}
