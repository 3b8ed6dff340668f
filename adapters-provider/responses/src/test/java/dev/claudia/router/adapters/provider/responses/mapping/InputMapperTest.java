package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.adapters.provider.responses.Calls;
import dev.claudia.router.adapters.provider.responses.wire.InputItem;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Warning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The conversation as input items: what goes back of earlier reasoning, and in which order. */
class InputMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode items(boolean store, List<Warning> warnings, Message... messages) {
        MessageRequest request = MessageRequest.of("m", 100, List.of(messages));
        return ResponsesJson.MAPPER.valueToTree(InputMapper.map(request, Calls.SOURCE, store, warnings::add));
    }

    private static Message assistant(ContentBlock... blocks) {
        return new Message(Role.ASSISTANT, List.of(blocks));
    }

    private static final ContentBlock.ToolUse CALL = new ContentBlock.ToolUse("call_1", "Bash", new RawJson("{\"command\":\"ls\"}"));

    @Test
    void reasoning_made_here_goes_back_right_before_the_output_it_produced() throws Exception {
        JsonNode items = items(false, new ArrayList<>(), Message.user("go"),
                assistant(new ContentBlock.Thinking("plan", Requests.ours("rs_1", "enc1")), CALL));
        assertEquals(JSON.readTree("""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"go"}]},
                 {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"plan"}],"encrypted_content":"enc1"},
                 {"type":"function_call","call_id":"call_1","name":"Bash","arguments":"{\\"command\\":\\"ls\\"}"}]"""), items);
    }

    @Test
    void reasoning_of_another_backend_or_model_is_left_out_and_reported() {
        String elsewhere = ReasoningSignatures.encode(new ReasoningSignatures.Carried(
                ReasoningSignatures.source("azure", Calls.MODEL), "rs_9", "enc9"));
        List<Warning> warnings = new ArrayList<>();
        JsonNode items = items(false, warnings, Message.user("go"), assistant(new ContentBlock.Thinking("x", elsewhere),
                new ContentBlock.RedactedThinking("opaque-anthropic-data"), new ContentBlock.Text("done")));
        assertEquals(2, items.size(), items.toString());
        assertEquals("assistant", items.get(1).get("role").asText());
        assertEquals(List.of("messages.thinking", "messages.redacted_thinking"), warnings.stream().map(Warning::field).toList());
    }

    @Test
    void without_store_reasoning_without_encrypted_content_cannot_go_back_with_store_it_goes_by_id() {
        Message turn = assistant(new ContentBlock.Thinking("plan", Requests.ours("rs_2", null)), new ContentBlock.Text("ok"));
        List<Warning> warnings = new ArrayList<>();
        assertEquals(2, items(false, warnings, Message.user("go"), turn).size());
        assertEquals(1, warnings.size());
        JsonNode stored = items(true, new ArrayList<>(), Message.user("go"), turn);
        assertEquals("rs_2", stored.get(1).get("id").asText());
        assertEquals(false, stored.get(1).has("encrypted_content"));
    }

    @Test
    void a_turn_that_ended_while_reasoning_does_not_send_its_reasoning_alone() {
        List<Warning> warnings = new ArrayList<>();
        JsonNode items = items(false, warnings, Message.user("go"),
                assistant(new ContentBlock.RedactedThinking(Requests.ours("rs_3", "enc3"))), Message.user("more"));
        assertEquals(2, items.size(), items.toString());
        assertEquals(List.of("messages.thinking"), warnings.stream().map(Warning::field).toList());
    }

    @Test
    void tool_results_come_first_then_the_rest_of_the_user_turn() {
        JsonNode items = items(false, new ArrayList<>(), Message.user("go"), assistant(CALL), new Message(Role.USER, List.of(
                new ContentBlock.Text("also this"),
                new ContentBlock.ToolResult("call_1", List.of(new ContentBlock.Text("a"), new ContentBlock.Text("b")), false))));
        assertEquals("function_call_output", items.get(2).get("type").asText());
        assertEquals("a\nb", items.get(2).get("output").asText());
        assertEquals("also this", items.get(3).at("/content/0/text").asText());
    }

    @Test
    void a_failed_tool_call_is_marked_in_its_output() {
        JsonNode items = items(false, new ArrayList<>(), Message.user("go"), assistant(CALL), new Message(Role.USER,
                List.of(new ContentBlock.ToolResult("call_1", List.of(new ContentBlock.Text("exit 1")), true))));
        assertEquals("[tool error] exit 1", items.get(2).get("output").asText());
    }

    @Test
    void consecutive_text_blocks_of_a_turn_are_one_assistant_message() {
        JsonNode items = items(false, new ArrayList<>(), Message.user("go"),
                assistant(new ContentBlock.Text("one"), new ContentBlock.Text("two"), CALL, new ContentBlock.Text("three")));
        assertEquals(List.of("message", "message", "function_call", "message"),
                List.of(items.get(0), items.get(1), items.get(2), items.get(3)).stream().map(i -> i.get("type").asText()).toList());
        assertEquals(2, items.get(1).get("content").size());
        assertEquals(InputItem.Part.outputText("one").type(), items.get(1).at("/content/0/type").asText());
    }
}
