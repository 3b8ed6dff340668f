package dev.claudia.router.systemtests.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What models write into their text or side fields instead of the fields a client reads, through
 * the running router against the containerized fake: Qwen/Hermes {@code <tool_call>} JSON recovered
 * into real {@code tool_use} blocks when a profile sets {@code toolCallsInText} (whole, and streamed
 * in chunks that split the markup) and left as text when it does not; {@code <think>} tags a vLLM
 * model writes, split into thinking ({@code splitThinkTags}, the vLLM dialect's default) with
 * thinking asked by {@code chat_template_kwargs}; and OpenRouter's structured
 * {@code reasoning_details} as thinking (and its encrypted part as redacted thinking), sent back as
 * {@code reasoning} on the next tool turn.
 */
class TextFormsContractTest {

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        ObjectNode config = RouterUnderTest.config(container.baseUrl(), Map.of());
        ObjectNode backends = (ObjectNode) config.get("backends");
        for (String dialect : List.of("vllm", "openrouter")) {
            backends.putObject("t-" + dialect).put("dialect", dialect)
                    .put("baseUrl", "http://127.0.0.1:" + container.port() + "/" + dialect + "/v1")
                    .put("apiKeyEnv", "FAKE_API_KEY").put("defaultModel", dialect);
        }
        ObjectNode profiles = (ObjectNode) config.get("modelProfiles");
        for (String form : List.of("whole", "stream")) { // one model each: a failed run leaves no script for the next
            profiles.putObject("claude-qwen-calls-" + form).put("backend", "t-vllm").put("providerModel", "tf-calls-" + form)
                    .put("retryAttempts", 1).putObject("options").put("toolCallsInText", true);
        }
        profiles.putObject("claude-qwen-plain").put("backend", "t-vllm").put("providerModel", "tf-plain").put("retryAttempts", 1);
        profiles.putObject("claude-qwen-think").put("backend", "t-vllm").put("providerModel", "tf-think").put("retryAttempts", 1);
        profiles.putObject("claude-qwen-raw-think").put("backend", "t-vllm").put("providerModel", "tf-raw-think")
                .put("retryAttempts", 1).putObject("options").put("splitThinkTags", false);
        profiles.putObject("claude-or-details").put("backend", "t-openrouter").put("providerModel", "tf-details")
                .put("retryAttempts", 1);
        router = RouterUnderTest.start(config, Map.of());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static final String PREFACE = "I'll check the date.\n";
    private static final String CALL = "<tool_call>\n{\"name\": \"Bash\", \"arguments\": {\"command\": \"date\"}}\n</tool_call>";
    /** The markup cut where a scanner that looks at one chunk at a time would miss it. */
    private static final List<String> CALL_PIECES = List.of(PREFACE + "<tool", "_call>\n{\"name\": \"Ba",
            "sh\", \"arguments\": {\"comm", "and\": \"date\"}}\n</tool_", "call>");

    private static Script streamedContent(List<String> pieces) {
        List<String> frames = new ArrayList<>();
        pieces.forEach(p -> frames.add(ProviderStyles.chunk(ProviderStyles.JSON.createObjectNode().put("content", p), null)));
        frames.add(ProviderStyles.chunk(ProviderStyles.JSON.createObjectNode(), "stop"));
        frames.add("[DONE]");
        return Script.sse(frames.toArray(String[]::new));
    }

    private static JsonNode lastBody(String model) {
        return fake.requests(model).getLast().get("body");
    }

    @ParameterizedTest(name = "streamed {0}")
    @ValueSource(booleans = {false, true})
    void a_tool_call_printed_as_text_becomes_a_tool_use_block_when_the_profile_asks(boolean stream) throws Exception {
        String model = "tf-calls-" + (stream ? "stream" : "whole");
        fake.script(model, stream ? streamedContent(CALL_PIECES) : ProviderStyles.text(PREFACE + CALL),
                ProviderStyles.streamedText("It is Monday."));
        ObjectNode first = Requests.withTools(Requests.ask("claude-qwen-calls-" + (stream ? "stream" : "whole"), "What day is it?"));
        ArrayNode answer;
        String stopReason;
        if (stream) {
            List<Sse.Frame> frames = DialectRouter.stream(router, first);
            answer = DialectRouter.content(frames);
            stopReason = frames.stream().filter(f -> f.event().equals("message_delta")).findFirst().orElseThrow()
                    .data().at("/delta/stop_reason").asText();
        } else {
            JsonNode message = DialectRouter.complete(router, first);
            answer = (ArrayNode) message.get("content");
            stopReason = message.get("stop_reason").asText();
        }
        assertEquals(2, answer.size(), answer.toString());
        assertEquals("text", answer.at("/0/type").asText(), answer.toString());
        assertEquals(PREFACE.strip(), answer.at("/0/text").asText().strip());
        assertFalse(answer.toString().contains("tool_call>"), "no markup left in the text: " + answer);
        JsonNode use = answer.get(1);
        assertEquals("tool_use", use.get("type").asText(), answer.toString());
        assertEquals("Bash", use.get("name").asText());
        assertEquals(RouterUnderTest.JSON.readTree("{\"command\":\"date\"}"), use.get("input"));
        assertTrue(use.get("id").asText().matches("[A-Za-z0-9_-]+"), "an id Anthropic would take: " + use);
        assertEquals("tool_use", stopReason, "the client runs the tool");

        assertEquals("It is Monday.", Sse.text(DialectRouter.stream(router, Requests.continued(first, answer, "Monday"))));
        JsonNode assistant = lastBody(model).get("messages").get(2);
        assertEquals("assistant", assistant.get("role").asText(), assistant.toString());
        assertEquals("Bash", assistant.at("/tool_calls/0/function/name").asText(), "sent back as a real call: " + assistant);
        assertEquals(use.get("id").asText(), lastBody(model).get("messages").get(3).get("tool_call_id").asText());
    }

    @Test
    void without_the_option_a_tool_call_printed_as_text_stays_text() throws Exception {
        fake.script("tf-plain", streamedContent(CALL_PIECES));
        List<Sse.Frame> frames = DialectRouter.stream(router, Requests.withTools(Requests.ask("claude-qwen-plain",
                "What day is it?")));
        ArrayNode answer = DialectRouter.content(frames);
        assertEquals(1, answer.size(), answer.toString());
        assertEquals(PREFACE + CALL, answer.at("/0/text").asText(), "every character, markup included");
        assertEquals("end_turn", frames.stream().filter(f -> f.event().equals("message_delta")).findFirst().orElseThrow()
                .data().at("/delta/stop_reason").asText());
    }

    @ParameterizedTest(name = "streamed {0}")
    @ValueSource(booleans = {false, true})
    void think_tags_a_vllm_model_writes_become_thinking_when_thinking_is_asked(boolean stream) throws Exception {
        List<String> pieces = List.of("<thi", "nk>The user wants", " the date.</th", "ink>It is Monday.");
        fake.script("tf-think", stream ? streamedContent(pieces) : ProviderStyles.text(String.join("", pieces)));
        ObjectNode request = Requests.thinking(Requests.ask("claude-qwen-think", "What day is it?"));
        ArrayNode answer = stream ? DialectRouter.content(DialectRouter.stream(router, request))
                : (ArrayNode) DialectRouter.complete(router, request).get("content");
        assertEquals(RouterUnderTest.JSON.readTree("{\"enable_thinking\":true}"), lastBody("tf-think").get("chat_template_kwargs"),
                "thinking asked the vLLM way");
        assertEquals("thinking", answer.at("/0/type").asText(), answer.toString());
        assertEquals("The user wants the date.", answer.at("/0/thinking").asText());
        assertTrue(answer.at("/0/signature").asText().startsWith("claudia."), "signed by the router: " + answer);
        assertEquals("text", answer.at("/1/type").asText(), answer.toString());
        assertEquals("It is Monday.", answer.at("/1/text").asText());
        assertEquals(2, answer.size(), answer.toString());
    }

    @Test
    void with_split_think_tags_off_the_tags_stay_in_the_text() throws Exception {
        fake.script("tf-raw-think", streamedContent(List.of("<think>Plan.</think>", "Done.")));
        ArrayNode answer = DialectRouter.content(DialectRouter.stream(router,
                Requests.thinking(Requests.ask("claude-qwen-raw-think", "Go."))));
        assertEquals(1, answer.size(), answer.toString());
        assertEquals("<think>Plan.</think>Done.", answer.at("/0/text").asText());
    }

    @Test
    void openrouter_reasoning_details_become_thinking_and_go_back_on_the_tool_turn() throws Exception {
        List<String> frames = new ArrayList<>();
        frames.add(ProviderStyles.chunk(ProviderStyles.JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (String part : List.of("The user wants ", "the date.")) {
            ObjectNode delta = ProviderStyles.JSON.createObjectNode();
            delta.putArray("reasoning_details").addObject().put("type", "reasoning.text").put("text", part)
                    .put("format", "anthropic-claude-v1").put("index", 0);
            frames.add(ProviderStyles.chunk(delta, null));
        }
        ObjectNode encrypted = ProviderStyles.JSON.createObjectNode();
        encrypted.putArray("reasoning_details").addObject().put("type", "reasoning.encrypted").put("data", "EqQBCkgIAhABGAIi")
                .put("format", "anthropic-claude-v1").put("index", 1);
        frames.add(ProviderStyles.chunk(encrypted, null));
        ObjectNode call = ProviderStyles.JSON.createObjectNode();
        call.putArray("tool_calls").addObject().put("index", 0).put("id", "call_or_details").put("type", "function")
                .putObject("function").put("name", "Bash").put("arguments", "{\"command\":\"date\"}");
        frames.add(ProviderStyles.chunk(call, null));
        frames.add(ProviderStyles.chunk(ProviderStyles.JSON.createObjectNode(), "tool_calls"));
        frames.add("[DONE]");
        fake.script("tf-details", Script.sse(frames.toArray(String[]::new)), ProviderStyles.streamedText("It is Monday."));

        ObjectNode first = Requests.thinking(Requests.withTools(Requests.ask("claude-or-details", "What day is it?")));
        ArrayNode answer = DialectRouter.content(DialectRouter.stream(router, first));
        assertEquals(RouterUnderTest.JSON.readTree("{\"effort\":\"high\"}"), lastBody("tf-details").get("reasoning"),
                "thinking asked the OpenRouter way");
        assertEquals("thinking", answer.at("/0/type").asText(), answer.toString());
        assertEquals("The user wants the date.", answer.at("/0/thinking").asText());
        assertEquals("redacted_thinking", answer.at("/1/type").asText(), answer.toString());
        assertEquals("EqQBCkgIAhABGAIi", answer.at("/1/data").asText());
        assertEquals("tool_use", answer.at("/2/type").asText(), answer.toString());

        assertEquals("It is Monday.", Sse.text(DialectRouter.stream(router, Requests.continued(first, answer, "Monday"))));
        JsonNode assistant = lastBody("tf-details").get("messages").get(2);
        assertEquals("The user wants the date.", assistant.path("reasoning").asText(), "OpenRouter sees its reasoning again: "
                + assistant);
        assertEquals("call_or_details", assistant.at("/tool_calls/0/id").asText());
    }
}
