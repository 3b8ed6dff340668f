package dev.claudia.router.systemtests.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /model} in the middle of a tool loop, for every pair: a conversation made on one dialect
 * (its reasoning, its tool ids, Gemini's signature, Mistral's 9-character ids, Kimi's
 * {@code functions.Bash:0}, vLLM's 46-character ids) is continued on each of the others, and one made
 * by Anthropic itself (its signed thinking, redacted thinking, a web search it ran) on all of them.
 * The fake plays each target with its request rules, so a history a provider would refuse fails the
 * test with that provider's own error. No CLI run per pair: the history is what Claude Code sends,
 * built from the router's real answers.
 */
class DialectSwitchContractTest {

    static final List<String> SOURCES = sources();
    private static final String REASONING = "Listing first is safest.";
    private static final String ANTHROPIC_THINKING = "Anthropic's own summary of its thinking.";

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    private static List<String> sources() {
        List<String> all = new ArrayList<>(DialectRouter.DIALECTS);
        all.add("anthropic");
        return all;
    }

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = DialectRouter.start(container, List.of("from", "to"));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @ParameterizedTest(name = "from {0}")
    @FieldSource("SOURCES")
    void a_conversation_made_here_continues_on_every_other_dialect(String source) throws Exception {
        ObjectNode first = Requests.thinking(Requests.withTools(Requests.ask("claude-" + source + "-from", "List the files.")));
        JsonNode answer = source.equals("anthropic") ? anthropicAnswer() : madeBy(source, first);
        for (String target : DialectRouter.DIALECTS) {
            if (target.equals(source)) {
                continue;
            }
            String model = target + "-to";
            int before = fake.requests(model).size();
            fake.script(model, ProviderStyles.text("Continued on " + target + "."));
            ObjectNode next = Requests.continued(first, answer, "a.txt b.txt");
            next.put("model", "claude-" + target + "-to");
            JsonNode reply = DialectRouter.complete(router, next);
            assertEquals("Continued on " + target + ".", reply.at("/content/0/text").asText(), source + " -> " + target);
            List<JsonNode> received = fake.requests(model);
            assertEquals(before + 1, received.size());
            check(source, target, received.getLast().get("body"));
        }
    }

    private static JsonNode madeBy(String source, ObjectNode first) throws Exception {
        fake.script(source + "-from", ProviderStyles.toolCall(source, source.equals("gemini") ? null : REASONING, "Bash",
                "{\"command\":\"ls\"}"));
        return DialectRouter.content(DialectRouter.stream(router, first.deepCopy()));
    }

    /** What a turn of Anthropic's own looks like in Claude Code's history after a web search and a Bash call. */
    private static JsonNode anthropicAnswer() {
        return Requests.json("""
                [{"type":"thinking","thinking":"%s","signature":"EqMPCkgIDRABGAIqQLsu3KN/ovAdOg1a1HQqToWQ"},
                 {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzixQ"},
                 {"type":"server_tool_use","id":"srvtoolu_01WYG3ziw53XMcoyKL4XcZmE","name":"web_search","input":{"query":"ls flags"}},
                 {"type":"web_search_tool_result","tool_use_id":"srvtoolu_01WYG3ziw53XMcoyKL4XcZmE","content":[
                   {"type":"web_search_result","url":"https://example.com/ls","title":"ls","encrypted_content":"EqgfCioIARgB"}]},
                 {"type":"text","text":"Listing."},
                 {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"Bash","input":{"command":"ls"}}]
                """.formatted(ANTHROPIC_THINKING));
    }

    private static void check(String source, String target, JsonNode body) {
        String pair = source + " -> " + target + ": ";
        String text = body.toString();
        assertFalse(text.contains(ANTHROPIC_THINKING) || text.contains("EmwKAhgBEgy3va3pzix") || text.contains("EqgfCioIARgB"),
                pair + "Anthropic's thinking, redacted thinking and search results never go to another provider");
        assertFalse(text.contains("claudia."), pair + "no router signature goes upstream");
        boolean replays = target.equals("deepseek") || target.equals("openrouter");
        boolean hadReasoning = !source.equals("gemini") && !source.equals("anthropic");
        assertEquals(replays && hadReasoning, text.contains(REASONING), pair + "the router's own reasoning, only where wanted");
        Set<String> calls = new HashSet<>();
        Set<String> answers = new HashSet<>();
        JsonNode firstCall = null;
        for (JsonNode m : body.get("messages")) {
            for (JsonNode c : m.path("tool_calls")) {
                calls.add(c.get("id").asText());
                firstCall = firstCall == null ? c : firstCall;
            }
            if (m.has("tool_call_id")) {
                answers.add(m.get("tool_call_id").asText());
            }
        }
        assertEquals(1, calls.size(), pair + body);
        assertEquals(calls, answers, pair + "the call and its result still pair");
        String id = calls.iterator().next();
        if (target.equals("mistral")) {
            assertTrue(id.matches("[a-zA-Z0-9]{9}"), pair + id);
        } else if (!List.of("nvidia-nim", "ollama", "lmstudio", "vllm", "llamacpp").contains(target)) {
            assertTrue(id.matches("[a-zA-Z0-9_-]{1,40}"), pair + "OpenAI's id rule: " + id);
        }
        if (target.equals("gemini")) {
            assertEquals("skip_thought_signature_validator",
                    firstCall.at("/extra_content/google/thought_signature").asText(), pair + "a call Gemini did not make");
        }
        ArrayNode tools = (ArrayNode) body.get("tools");
        assertEquals(3, tools.size(), pair + "the tools still offered");
    }
}
