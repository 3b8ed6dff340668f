package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.Calls;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single rules of the whole-answer mapping; the golden files cover recorded answers. */
class ResponseMapperTest {

    private static MessageResponse map(String message, String finish, String usage) throws Exception {
        String completion = "{\"id\":\"chatcmpl-upstream\",\"model\":\"upstream-model\",\"choices\":[{\"index\":0,\"message\":"
                + message + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + "}";
        return ResponseMapper.toMessage(ProviderJson.MAPPER.readTree(completion), Calls.call(Calls.hello()), OpenAiChatOptions.DEFAULT, Calls.ids(),
                Calls.quarterTokens());
    }

    private static String call(String id, String name, String arguments) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"type\":\"function\",\"function\":{\"name\":\""
                + name + "\",\"arguments\":" + arguments + "}}";
    }

    @Test
    void answers_with_our_message_id_and_the_callers_model_name() throws Exception {
        MessageResponse response = map("{\"content\":\"hi\"}", "stop", null);
        assertEquals("msg_test", response.id());
        assertEquals("claude-test", response.model());
    }

    @Test
    void orders_thinking_then_text_then_tool_calls() throws Exception {
        MessageResponse response = map("{\"tool_calls\":[" + call("call_1", "Read", "\"{}\"")
                + "],\"content\":\"Reading.\",\"reasoning_content\":\"plan\"}", "tool_calls", null);
        assertEquals(List.of(new ContentBlock.Thinking("plan", ThinkingSignatures.sign("plan")), new ContentBlock.Text("Reading."),
                new ContentBlock.ToolUse("call_1", "Read", RawJson.EMPTY_OBJECT)), response.content());
        assertEquals(StopReason.TOOL_USE, response.stopReason());
    }

    @Test
    void reads_reasoning_from_each_field_providers_use() throws Exception {
        for (String message : List.of("{\"reasoning_content\":\"r\"}", "{\"reasoning\":\"r\"}",
                "{\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"r\"}]}")) {
            assertEquals(new ContentBlock.Thinking("r", ThinkingSignatures.sign("r")), map(message, "stop", null).content().getFirst(),
                    message);
        }
        assertEquals(new ContentBlock.RedactedThinking("opaque"), map("{\"content\":\"a\",\"reasoning_details\":"
                + "[{\"type\":\"reasoning.encrypted\",\"data\":\"opaque\"}]}", "stop", null).content().getFirst());
    }

    @Test
    void keeps_provider_ids_but_replaces_numeric_missing_and_repeated_ones() throws Exception {
        MessageResponse response = map("{\"tool_calls\":[" + call("call_a", "A", "\"{}\"") + "," + call("0", "B", "\"{}\"")
                + "," + call(null, "C", "\"{}\"") + "," + call("call_a", "D", "\"{}\"") + "," + call("", "E", "\"{}\"")
                + "]}", "tool_calls", null);
        List<String> ids = response.content().stream().map(b -> ((ContentBlock.ToolUse) b).id()).toList();
        assertEquals("call_a", ids.getFirst());
        assertTrue(ids.subList(1, 5).stream().allMatch(id -> id.startsWith("toolu_gen")), ids.toString());
        assertEquals(5, ids.stream().distinct().count(), ids.toString());
    }

    @Test
    void takes_arguments_given_as_an_object_and_missing_ones_as_empty() throws Exception {
        MessageResponse response = map("{\"tool_calls\":[" + call("c1", "A", "{\"x\": [1, 2]}") + "," + call("c2", "B", "null")
                + "," + call("c3", "C", "\"\"") + "]}", "tool_calls", null);
        assertEquals(List.of("{\"x\":[1,2]}", "{}", "{}"),
                response.content().stream().map(b -> ((ContentBlock.ToolUse) b).input().text()).toList());
    }

    @Test
    void never_invents_empty_arguments_for_arguments_beyond_repair() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> map("{\"tool_calls\":[" + call("c1", "Bash", "\"echo hi\"") + "]}", "tool_calls", null));
        assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
        assertTrue(e.getMessage().contains("'Bash'") && e.getMessage().contains("'stub'") && e.getMessage().contains("echo hi"),
                e.getMessage());
    }

    @Test
    void a_refusal_is_text_with_stop_reason_refusal() throws Exception {
        MessageResponse response = map("{\"content\":null,\"refusal\":\"I can't help with that.\"}", "stop", null);
        assertEquals(List.of(new ContentBlock.Text("I can't help with that.")), response.content());
        assertEquals(StopReason.REFUSAL, response.stopReason());
    }

    @Test
    void drops_blank_text_beside_tool_calls_and_keeps_one_empty_block_when_there_is_nothing() throws Exception {
        assertEquals(1, map("{\"content\":\"  \\n\",\"tool_calls\":[" + call("c", "A", "\"{}\"") + "]}", "stop", null)
                .content().size());
        assertEquals(List.of(new ContentBlock.Text("")), map("{\"content\":null}", "stop", null).content());
    }

    @Test
    void joins_content_given_as_parts() throws Exception {
        assertEquals(List.of(new ContentBlock.Text("ab")),
                map("{\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}", "stop", null)
                        .content());
    }

    @Test
    void estimates_usage_when_the_provider_reports_none() throws Exception {
        MessageResponse response = map("{\"content\":\"12345678\",\"tool_calls\":[" + call("c", "Read", "\"{\\\"a\\\":1}\"")
                + "]}", "stop", null);
        // quarterTokens: (8 + 7 characters of text and arguments + 3) / 4
        assertEquals(new Usage(42, 4, 0, 0, 0, true), response.usage());
    }

    @Test
    void uses_the_providers_usage_when_given() throws Exception {
        assertEquals(new Usage(5, 3, 0, 0, 0, false), map("{\"content\":\"x\"}", "length",
                "{\"prompt_tokens\":5,\"completion_tokens\":3}").usage());
    }

    @Test
    void an_in_band_error_or_a_missing_message_fails() {
        assertEquals(FailureKind.RATE_LIMITED, assertThrows(ProviderException.class, () -> ResponseMapper.toMessage(
                ProviderJson.MAPPER.readTree("{\"error\":{\"message\":\"slow\",\"code\":429}}"), Calls.call(Calls.hello()), OpenAiChatOptions.DEFAULT,
                Calls.ids(), Calls.quarterTokens())).failure().kind());
        assertEquals(FailureKind.MALFORMED_RESPONSE, assertThrows(ProviderException.class, () -> ResponseMapper.toMessage(
                ProviderJson.MAPPER.readTree("{\"choices\":[]}"), Calls.call(Calls.hello()), OpenAiChatOptions.DEFAULT, Calls.ids(),
                Calls.quarterTokens())).failure().kind());
    }

    @Test
    void splits_think_tags_only_when_the_route_says_so() throws Exception {
        MessageResponse response = ResponseMapper.toMessage(ProviderJson.MAPPER.readTree(
                "{\"choices\":[{\"message\":{\"content\":\"<think>hmm</think>Yes.\"},\"finish_reason\":\"stop\"}]}"),
                Calls.call(Calls.hello()), Calls.options(OpenAiChatOptions.ReasoningStyle.NONE,
                        OpenAiChatOptions.SystemMessages.USER_REMINDER, true, true), Calls.ids(), Calls.quarterTokens());
        assertEquals(List.of(new ContentBlock.Thinking("hmm", ThinkingSignatures.sign("hmm")), new ContentBlock.Text("Yes.")),
                response.content());
    }
}
