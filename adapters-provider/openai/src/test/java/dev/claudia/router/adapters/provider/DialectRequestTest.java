package dev.claudia.router.adapters.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.adapters.provider.openai.dialect.Dialects;
import dev.claudia.router.adapters.provider.openai.mapping.RequestMapper;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.domain.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One conversation made by several models ({@link Conversations#switched}), translated for every
 * dialect: the body each provider gets is a golden file ({@code golden/requests/dialect-*.openai.json},
 * reviewed by hand), and the rules each provider enforces are asserted on it.
 */
class DialectRequestTest {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<String> dialects() {
        return Dialects.BY_NAME.keySet().stream();
    }

    static JsonNode body(String dialect, List<Warning> warnings) throws Exception {
        var call = Calls.call(Conversations.switched(), warnings);
        return PRETTY.readTree(RequestMapper.body(CallRules.of(call, OpenAiChatOptions.of(Dialects.BY_NAME.get(dialect))), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void the_switched_conversation_as_each_provider_gets_it(String dialect) throws Exception {
        List<Warning> warnings = new ArrayList<>();
        JsonNode body = body(dialect, warnings);
        Golden.check("golden/requests/dialect-" + dialect + ".openai.json", PRETTY.writeValueAsString(body) + "\n");
        Golden.check("golden/requests/dialect-" + dialect + ".warnings.json", DomainJson.render(warnings));
        idsPair(body);
        JsonNode messages = body.get("messages");
        assertFalse(body.has("thinking") && dialect.equals("generic"));
        switch (dialect) {
            case "mistral" -> {
                for (String id : ids(messages)) {
                    assertTrue(id.matches("[a-zA-Z0-9]{9}"), "Mistral ids: " + id);
                }
                for (int i = 1; i < messages.size(); i++) {
                    assertFalse(messages.get(i - 1).path("role").asText().equals("tool")
                            && messages.get(i).path("role").asText().equals("user"), "no user right after a tool message");
                }
                assertAbsent(body, "top_k", "user", "stream_options", "reasoning_content");
            }
            case "deepseek" -> {
                assertEquals("enabled", body.at("/thinking/type").asText());
                assertEquals(Conversations.OWN_THINKING, messages.at("/2/reasoning_content").asText(), "its own reasoning back");
                assertEquals("", messages.at("/6/reasoning_content").asText(), "the other models' tool turn: present, empty");
            }
            case "openrouter" -> assertEquals(Conversations.OWN_THINKING, messages.at("/2/reasoning").asText());
            case "gemini" -> {
                assertAbsent(body, "top_k", "user", "parallel_tool_calls", "$schema", "additionalProperties",
                        "exclusiveMinimum", "reasoning_content");
                assertEquals("jm4owj31", messages.at("/2/tool_calls/0/id").asText(), "Gemini's own call id");
                assertEquals(Conversations.GEMINI_SIGNATURE,
                        messages.at("/2/tool_calls/0/extra_content/google/thought_signature").asText());
                assertTrue(messages.at("/2/tool_calls/1/extra_content").isMissingNode(), "only the first call of a turn");
                assertEquals("skip_thought_signature_validator",
                        messages.at("/6/tool_calls/0/extra_content/google/thought_signature").asText(),
                        "a call Gemini did not make");
                assertFalse(body.at("/tools/1/function").has("parameters"), "a tool without properties goes without parameters");
            }
            case "groq" -> {
                assertAbsent(body, "top_k", "$schema", "reasoning_content");
                assertTrue(body.toString().contains("additionalProperties"), "only $schema goes");
            }
            case "llamacpp" -> assertTrue(body.get("parallel_tool_calls").asBoolean());
            default -> { }
        }
        if (!Set.of("ollama", "lmstudio", "vllm", "llamacpp").contains(dialect)) {
            for (JsonNode tool : body.get("tools")) {
                assertTrue(tool.at("/function/name").asText().length() <= 64, "64-character names upstream");
            }
            assertFalse(body.toString().contains(Conversations.MCP), "the long MCP name never goes up");
        }
    }

    /** Every tool call has its one tool message with the same id, whatever the dialect made of the ids. */
    private static void idsPair(JsonNode body) {
        Set<String> calls = new HashSet<>();
        Set<String> answers = new HashSet<>();
        for (JsonNode m : body.get("messages")) {
            m.path("tool_calls").forEach(c -> calls.add(c.get("id").asText()));
            if (m.has("tool_call_id")) {
                answers.add(m.get("tool_call_id").asText());
            }
        }
        assertEquals(3, calls.size());
        assertEquals(calls, answers, "tool_calls[].id and tool_call_id still pair");
    }

    private static List<String> ids(JsonNode messages) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : messages) {
            m.path("tool_calls").forEach(c -> ids.add(c.get("id").asText()));
            if (m.has("tool_call_id")) {
                ids.add(m.get("tool_call_id").asText());
            }
        }
        return ids;
    }

    private static void assertAbsent(JsonNode body, String... fields) {
        for (String field : fields) {
            assertFalse(body.toString().contains("\"" + field + "\":"), field + " is not sent: " + body);
        }
    }
}
