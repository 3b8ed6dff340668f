package dev.claudia.router.systemtests.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every dialect against the containerized fake playing that provider, its request rules and error
 * texts included ({@code /gemini/...} refuses what Gemini refuses, and so on): a text answer, a
 * streamed tool call round trip and a thinking round trip, each with the exact bodies the provider
 * received kept as golden files ({@code src/test/resources/upstream/<dialect>-<scenario>.json}).
 * A rule the router forgot makes the fake answer with the provider's 400, and the test fails.
 */
class DialectContractTest {

    static final List<String> DIALECTS = DialectRouter.DIALECTS;

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = DialectRouter.start(container, List.of("text", "tools", "thinking"));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static ArrayNode received(String model) {
        ArrayNode bodies = RouterUnderTest.JSON.createArrayNode();
        fake.requests(model).forEach(r -> bodies.add(r.get("body")));
        return bodies;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("DIALECTS")
    void a_text_answer(String dialect) {
        fake.script(dialect + "-text", ProviderStyles.text("Hello from " + dialect + "."));
        JsonNode answer = DialectRouter.complete(router, Requests.ask("claude-" + dialect + "-text", "Say hello."));
        assertEquals("Hello from " + dialect + ".", answer.at("/content/0/text").asText());
        assertEquals("claude-" + dialect + "-text", answer.get("model").asText());
        UpstreamGolden.check(dialect + "-text", received(dialect + "-text"));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("DIALECTS")
    void a_streamed_tool_call_round_trip(String dialect) throws Exception {
        String model = dialect + "-tools";
        boolean shortens = !List.of("ollama", "lmstudio", "vllm", "llamacpp").contains(dialect);
        String upstreamName = shortens ? DialectRouter.shortName(Requests.MCP) : Requests.MCP;
        fake.script(model, ProviderStyles.toolCall(dialect, null, upstreamName, "{\"level\":\"error\"}"),
                ProviderStyles.streamedText("No errors in the console."));
        ObjectNode first = Requests.withTools(Requests.ask("claude-" + model, "Check the console."));
        List<Sse.Frame> frames = DialectRouter.stream(router, first);
        ArrayNode answer = DialectRouter.content(frames);
        JsonNode call = answer.get(answer.size() - 1);
        assertEquals("tool_use", call.get("type").asText(), answer.toString());
        assertEquals(Requests.MCP, call.get("name").asText(), "the client gets the name it defined");
        assertEquals(RouterUnderTest.JSON.readTree("{\"level\":\"error\"}"), call.get("input"));
        assertEquals("tool_use", frames.get(frames.size() - 2).data().at("/delta/stop_reason").asText());
        assertTrue(call.get("id").asText().matches("[A-Za-z0-9_-]+"), "an id Anthropic would take: " + call);
        if (dialect.equals("gemini")) {
            assertTrue(call.get("id").asText().startsWith("toolu_ts"), "the thought signature rides in the id: " + call);
        } else if (ProviderStyles.callId(dialect).matches("[A-Za-z0-9_-]+")) {
            assertEquals(ProviderStyles.callId(dialect), call.get("id").asText(), "the provider's id, kept");
        } else {
            assertTrue(call.get("id").asText().startsWith("toolu_b64_"), "Kimi's id, carried: " + call);
        }
        List<Sse.Frame> second = DialectRouter.stream(router, Requests.continued(first, answer, "[]"));
        assertEquals("No errors in the console.", Sse.text(second));
        ArrayNode bodies = received(model);
        assertEquals(2, bodies.size(), "the provider took both requests: " + bodies);
        UpstreamGolden.check(dialect + "-tools", bodies);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("DIALECTS")
    void a_thinking_round_trip(String dialect) throws Exception {
        String model = dialect + "-thinking";
        String reasoning = "The user wants the date; Bash can tell.";
        fake.script(model, ProviderStyles.toolCall(dialect, dialect.equals("gemini") ? null : reasoning, "Bash",
                "{\"command\":\"date\"}"), ProviderStyles.streamedText("It is Monday."));
        ObjectNode first = Requests.thinking(Requests.withTools(Requests.ask("claude-" + model, "What day is it?")));
        ArrayNode answer = DialectRouter.content(DialectRouter.stream(router, first));
        if (!dialect.equals("gemini")) {
            assertEquals("thinking", answer.at("/0/type").asText(), answer.toString());
            assertEquals(reasoning, answer.at("/0/thinking").asText());
            assertTrue(answer.at("/0/signature").asText().startsWith("claudia."), "signed by the router, recognisably");
        }
        assertEquals("Bash", answer.get(answer.size() - 1).get("name").asText());
        assertEquals("It is Monday.", Sse.text(DialectRouter.stream(router, Requests.continued(first, answer, "Monday"))));
        ArrayNode bodies = received(model);
        assertEquals(2, bodies.size());
        assertEquals(thinkingAsked(dialect), askedFor(bodies.get(0)), "thinking asked the " + dialect + " way");
        JsonNode replayed = bodies.get(1).get("messages");
        boolean replays = dialect.equals("deepseek") || dialect.equals("openrouter");
        assertEquals(replays, replayed.toString().contains(reasoning),
                "the router's own reasoning goes back only where the provider wants it: " + replayed);
        assertFalse(bodies.get(1).toString().contains("claudia."), "a router signature never goes upstream");
        UpstreamGolden.check(dialect + "-thinking", bodies);
    }

    /** The fields a provider reads as a request for reasoning, as they were sent. */
    private static ObjectNode askedFor(JsonNode body) {
        ObjectNode asked = RouterUnderTest.JSON.createObjectNode();
        for (String field : List.of("reasoning_effort", "chat_template_kwargs", "reasoning", "thinking", "prompt_mode")) {
            if (body.has(field)) {
                asked.set(field, body.get(field));
            }
        }
        return asked;
    }

    /**
     * How each provider is asked for Claude Code's adaptive thinking at high effort, written out here
     * independently of the router. Mistral's {@code prompt_mode} comes from the profile's
     * {@code extraBody}, not from the request's thinking (no reasoning style sends it).
     */
    private static JsonNode thinkingAsked(String dialect) throws Exception {
        return RouterUnderTest.JSON.readTree(switch (dialect) {
            case "generic", "groq", "gemini", "ollama", "lmstudio" -> "{\"reasoning_effort\":\"high\"}";
            case "nvidia-nim", "vllm", "llamacpp" -> "{\"chat_template_kwargs\":{\"enable_thinking\":true}}";
            case "openrouter" -> "{\"reasoning\":{\"effort\":\"high\"}}";
            case "deepseek" -> "{\"thinking\":{\"type\":\"enabled\"}}";
            case "mistral" -> "{\"prompt_mode\":\"reasoning\"}";
            default -> throw new IllegalArgumentException(dialect);
        });
    }
}
