package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;
import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.Calls;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.ImageSource;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The conversation mapping, one rule per test (the kitchen-sink golden file shows them together). */
class MessagesMapperTest {

    private static JsonNode map(List<ContentBlock.Text> system, SystemMessages policy, Message... messages) throws Exception {
        MessageRequest request = new MessageRequest("m", system, List.of(messages), List.of(), null, 100, Sampling.DEFAULT,
                List.of(), null, ThinkingConfig.UNSPECIFIED, null, null, false, Set.of());
        return ProviderJson.MAPPER.valueToTree(MessagesMapper.map(request, policy));
    }

    private static JsonNode map(Message... messages) throws Exception {
        return map(List.of(), SystemMessages.USER_REMINDER, messages);
    }

    private static JsonNode json(String text) throws Exception {
        return ProviderJson.MAPPER.readTree(text);
    }

    private static Message user(ContentBlock... blocks) {
        return new Message(Role.USER, List.of(blocks));
    }

    private static ContentBlock.Text text(String text) {
        return new ContentBlock.Text(text);
    }

    @Test
    void a_tool_reference_in_a_tool_result_tells_the_model_the_tool_is_loaded() throws Exception {
        JsonNode mapped = map(new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", "ToolSearch",
                        new dev.claudia.router.domain.message.RawJson("{\"query\":\"select:NotebookEdit\"}")))),
                user(new ContentBlock.ToolResult("toolu_1", List.of(new ContentBlock.ToolReference("NotebookEdit")), false)));
        assertEquals("tool", mapped.at("/1/role").asText());
        assertEquals("Tool NotebookEdit is loaded: its definition is in the tool list, call it like any other tool.",
                mapped.at("/1/content").asText());
    }

    @Test
    void joins_system_blocks_into_one_leading_message_without_the_billing_marker() throws Exception {
        JsonNode out = map(List.of(text("x-anthropic-billing-header: cc_version=2.1.197; cch=abc;"), text("You are Claude."),
                text("Be brief.")), SystemMessages.USER_REMINDER, Message.user("hi"));
        assertEquals(json("""
                [{"role":"system","content":"You are Claude.\\n\\nBe brief."},{"role":"user","content":"hi"}]"""), out);
    }

    @Test
    void never_sends_an_empty_system_message() throws Exception {
        JsonNode out = map(List.of(text("x-anthropic-billing-header: cc_version=1"), text("  ")), SystemMessages.USER_REMINDER,
                Message.user("hi"));
        assertEquals(json("[{\"role\":\"user\",\"content\":\"hi\"}]"), out);
    }

    @Test
    void keeps_a_mid_conversation_system_message_in_place_when_inline() throws Exception {
        JsonNode out = map(List.of(text("S")), SystemMessages.INLINE, Message.user("a"),
                new Message(Role.SYSTEM, List.of(text("late"))), Message.user("b"));
        assertEquals(json("""
                [{"role":"system","content":"S"},{"role":"user","content":"a"},{"role":"system","content":"late"},
                 {"role":"user","content":"b"}]"""), out);
    }

    @Test
    void appends_a_mid_conversation_system_message_to_the_leading_one_when_hoisted() throws Exception {
        JsonNode out = map(List.of(text("S")), SystemMessages.HOIST, Message.user("a"),
                new Message(Role.SYSTEM, List.of(text("late"))), Message.assistant(text("ok")));
        assertEquals(json("""
                [{"role":"system","content":"S\\n\\nlate"},{"role":"user","content":"a"},{"role":"assistant","content":"ok"}]"""),
                out);
    }

    @Test
    void wraps_a_mid_conversation_system_message_in_a_system_reminder_by_default() throws Exception {
        JsonNode out = map(Message.assistant(text("ok")), new Message(Role.SYSTEM, List.of(text("late"))));
        assertEquals(json("""
                [{"role":"assistant","content":"ok"},{"role":"user","content":"<system-reminder>\\nlate\\n</system-reminder>"}]"""),
                out);
    }

    @Test
    void sends_text_only_user_content_as_one_string() throws Exception {
        assertEquals(json("[{\"role\":\"user\",\"content\":\"one\\n\\ntwo\"}]"), map(user(text("one"), text("two"))));
    }

    @Test
    void sends_images_as_image_url_parts() throws Exception {
        JsonNode out = map(user(text("look"), new ContentBlock.Image(new ImageSource.Base64("image/png", "AAA=")),
                new ContentBlock.Image(new ImageSource.Url("https://example.com/a.jpg"))));
        assertEquals(json("""
                [{"role":"user","content":[{"type":"text","text":"look"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA="}},
                  {"type":"image_url","image_url":{"url":"https://example.com/a.jpg"}}]}]"""), out);
    }

    @Test
    void sends_documents_as_tagged_text_flattened_blocks_or_pdf_files() throws Exception {
        JsonNode out = map(user(
                new ContentBlock.Document(new DocumentSource.PlainText("body"), "a \"b\"", "ctx"),
                new ContentBlock.Document(new DocumentSource.PlainText("plain"), null, null),
                new ContentBlock.Document(new DocumentSource.Blocks(List.of(text("inner"),
                        new ContentBlock.Image(new ImageSource.Url("u")))), null, null),
                new ContentBlock.Document(new DocumentSource.Pdf("JVBE"), null, null),
                new ContentBlock.Document(new DocumentSource.Pdf("JVBE"), "r.pdf", null)));
        assertEquals(json("""
                [{"role":"user","content":[
                  {"type":"text","text":"<document title=\\"a &quot;b&quot;\\">\\nctx\\n\\nbody\\n</document>"},
                  {"type":"text","text":"<document>\\nplain\\n</document>"},
                  {"type":"text","text":"inner"},{"type":"image_url","image_url":{"url":"u"}},
                  {"type":"file","file":{"filename":"document.pdf","file_data":"data:application/pdf;base64,JVBE"}},
                  {"type":"file","file":{"filename":"r.pdf","file_data":"data:application/pdf;base64,JVBE"}}]}]"""), out);
    }

    @Test
    void sends_assistant_text_and_tool_calls_and_null_content_when_only_tools() throws Exception {
        JsonNode out = map(Message.user("go"),
                Message.assistant(text("a"), text("b"), new ContentBlock.ToolUse("toolu_1", "Read", new RawJson("{\"p\":1}"))),
                user(new ContentBlock.ToolResult("toolu_1", List.of(text("r")), false)),
                Message.assistant(new ContentBlock.ToolUse("toolu_2", "Bash", new RawJson("{}"))));
        assertEquals(json("""
                [{"role":"user","content":"go"},
                 {"role":"assistant","content":"a\\n\\nb","tool_calls":[{"id":"toolu_1","type":"function",
                   "function":{"name":"Read","arguments":"{\\"p\\":1}"}}]},
                 {"role":"tool","content":"r","tool_call_id":"toolu_1"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"toolu_2","type":"function",
                   "function":{"name":"Bash","arguments":"{}"}}]}]"""), out);
    }

    @Test
    void leaves_out_earlier_thinking_on_the_generic_dialect_reporting_it_and_an_assistant_message_left_empty()
            throws Exception {
        List<Warning> warnings = new ArrayList<>();
        MessageRequest request = MessageRequest.of("m", 10, List.of(Message.user("a"),
                Message.assistant(new ContentBlock.Thinking("hmm", "sig"), new ContentBlock.RedactedThinking("x")),
                Message.user("b"), Message.assistant(new ContentBlock.Thinking("t", ThinkingSignatures.sign("t")),
                        text("answer"))));
        JsonNode out = ProviderJson.MAPPER.valueToTree(MessagesMapper.map(request, SystemMessages.USER_REMINDER));
        assertEquals(json("""
                [{"role":"user","content":"a\\n\\nb"},{"role":"assistant","content":"answer"}]"""), out);
        RequestMapper.body(Calls.call(request, warnings), OpenAiChatOptions.DEFAULT, false);
        assertEquals(List.of("history.thinking.foreign", "history.redacted_thinking", "history.thinking"),
                warnings.stream().map(Warning::field).toList(), "each left out, reported: " + warnings);
    }

    @Test
    void puts_tool_results_first_in_order_then_the_rest_of_the_user_turn() throws Exception {
        JsonNode out = map(user(text("before"),
                new ContentBlock.ToolResult("t1", List.of(text("line 1"), text("line 2")), false),
                new ContentBlock.ToolResult("t2", List.of(text("boom")), true),
                new ContentBlock.ToolResult("t3", List.of(), false),
                new ContentBlock.ToolResult("t4", List.of(), true),
                text("after")));
        assertEquals(json("""
                [{"role":"tool","content":"line 1\\nline 2","tool_call_id":"t1"},
                 {"role":"tool","content":"[tool error] boom","tool_call_id":"t2"},
                 {"role":"tool","content":"","tool_call_id":"t3"},
                 {"role":"tool","content":"[tool error] ","tool_call_id":"t4"},
                 {"role":"user","content":"before\\n\\nafter"}]"""), out);
    }

    @Test
    void moves_images_of_a_tool_result_into_a_following_user_message() throws Exception {
        JsonNode out = map(user(new ContentBlock.ToolResult("t1", List.of(text("shot:"),
                new ContentBlock.Image(new ImageSource.Base64("image/jpeg", "/9j/"))), false), text("what now?")));
        assertEquals(json("""
                [{"role":"tool","content":"shot:\\n[image attached in the next message]","tool_call_id":"t1"},
                 {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}},
                   {"type":"text","text":"what now?"}]}]"""), out);
    }
}
