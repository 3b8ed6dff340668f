package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vercel AI SDK's Anthropic provider runs a tool loop through the router, whole and streamed,
 * with the current major ({@code ai} 7, {@code @ai-sdk/anthropic} 4) and the previous one most
 * projects still pin ({@code ai} 6, {@code @ai-sdk/anthropic} 3). The SDK validates every answer
 * against its schema of Anthropic's API, so a field the router sends wrong, or misses, fails here.
 */
class VercelAiSdkEndToEndTest {

    static final Map<String, String[]> VERSIONS = Map.of(
            "ai7", new String[] {"ai@7.0.173", "@ai-sdk/anthropic@4.0.105", "zod@4"},
            "ai6", new String[] {"ai@6.0.325", "@ai-sdk/anthropic@3.0.140", "zod@4"});

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void setUp() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        Map<String, String> profiles = new LinkedHashMap<>();
        for (String version : VERSIONS.keySet()) {
            for (String mode : List.of("generate", "stream")) {
                profiles.put("claude-" + version + "-" + mode, RouterUnderTest.profile(version + "-" + mode, 1, ""));
            }
        }
        router = RouterUnderTest.start(container.baseUrl(), profiles, Map.of());
    }

    @AfterAll
    static void tearDown() {
        if (router != null) {
            router.close();
        }
    }

    private static String completion(String message, String finish) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":" + message + ",\"finish_reason\":\"" + finish + "\"}],"
                + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":10,\"total_tokens\":60}}";
    }

    private static void script(String model, boolean stream) {
        Map<String, Object> input = Map.of("city", "Paris");
        if (stream) {
            fake.script(model, ClaudeCodeRun.toolCall("call_weather_1", "get_weather", input, 50),
                    ClaudeCodeRun.text("It is 21 °C in Paris.", 70));
        } else {
            fake.script(model,
                    Script.json(completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_weather_1\","
                            + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}",
                            "tool_calls")),
                    Script.json(completion("{\"role\":\"assistant\",\"content\":\"It is 21 °C in Paris.\"}", "stop")));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ai7, generate", "ai7, stream", "ai6, generate", "ai6, stream"})
    void a_tool_loop_runs_through_the_router(String version, String mode) throws Exception {
        String model = version + "-" + mode;
        script(model, mode.equals("stream"));
        var prefix = NodePackages.ensure(version, "@ai-sdk/anthropic/package.json", VERSIONS.get(version));

        JsonNode out = NodePackages.run(prefix, "ai-sdk-tool-loop.mjs",
                Map.of("ROUTER", router.baseUri().toString().replaceAll("/$", ""), "MODEL", "claude-" + model), mode);

        assertEquals(List.of(), ClaudeCodeRun.JSON.convertValue(out.get("errors"), List.class), out.toString());
        assertEquals("[\"Paris\"]", out.get("calls").toString(), "the SDK ran the tool with the model's input: " + out);
        assertEquals("It is 21 °C in Paris.", out.get("text").asText(), out.toString());
        assertEquals(2, out.get("steps").asInt(), out.toString());
        assertEquals("stop", out.get("finishReason").asText(), out.toString());
        assertTrue(out.at("/usage/inputTokens").asInt() > 0 && out.at("/usage/outputTokens").asInt() > 0, out.toString());
        List<JsonNode> sent = fake.requests(model);
        assertEquals(2, sent.size());
        JsonNode toolMessage = ClaudeCodeRun.lastMessage(sent.get(1));
        assertEquals("call_weather_1", toolMessage.get("tool_call_id").asText());
        assertTrue(toolMessage.get("content").asText().contains("21"), toolMessage.toString());
    }
}
