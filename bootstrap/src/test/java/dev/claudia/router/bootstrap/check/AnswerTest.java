package dev.claudia.router.bootstrap.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.claudia.router.bootstrap.check.ScriptedProber.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers read from the wire as a client reads them, whole or streamed, ours or a provider's own bytes. */
class AnswerTest {

    @Test
    void a_whole_message_gives_its_text_tool_calls_thinking_and_usage_with_cached_tokens() {
        Answer answer = Answer.ofJson(bytes("""
                {"type":"message","content":[{"type":"thinking","thinking":"hm"},{"type":"text","text":"It is "},
                 {"type":"text","text":"sunny"},{"type":"tool_use","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":3,"cache_read_input_tokens":100,"output_tokens":7}}"""));
        assertEquals("It is sunny", answer.text());
        assertTrue(answer.thinking());
        assertEquals("Paris", answer.toolCalls().getFirst().input().get("city").asText());
        assertEquals(103, answer.inputTokens());
        assertEquals(7, answer.outputTokens());
        assertEquals("tool_use", answer.stopReason());
        assertThrows(IllegalArgumentException.class, () -> Answer.ofJson(bytes("{\"type\":\"error\"}")));
    }

    @Test
    void a_providers_own_frames_are_read_with_crlf_comments_split_data_lines_and_unknown_events() {
        Answer answer = Answer.ofFrames(List.of(
                bytes(": keep-alive\r\n\r\n"),
                bytes("event: message_start\r\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":21}}}\r\n\r\n"),
                bytes("event: brand_new\ndata: {\"type\":\"brand_new\"}\n\n"),
                bytes("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\n"
                        + "data: \"content_block\":{\"type\":\"tool_use\",\"name\":\"get_weather\",\"input\":{}}}\n\n"),
                bytes("event: content_block_delta\ndata:{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ci\"}}\n\n"),
                bytes("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ty\\\":\\\"Oslo\\\"}\"}}\n\n"),
                bytes("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"),
                bytes("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
                        + "\"usage\":{\"output_tokens\":11}}\n\n")));
        assertEquals(1, answer.toolCalls().size());
        assertEquals("{\"city\":\"Oslo\"}", answer.toolCalls().getFirst().input().toString());
        assertEquals(21, answer.inputTokens());
        assertEquals(11, answer.outputTokens());
        assertEquals(2, answer.contentEvents());
        assertNull(answer.error());
    }

    @Test
    void arguments_that_are_not_an_object_are_kept_raw_and_an_error_event_is_noted() {
        Answer answer = ScriptedProber.tool("[1,2]");
        assertNull(answer.toolCalls().getFirst().input());
        assertEquals("[1,2]", answer.toolCalls().getFirst().raw());
        Answer failed = ScriptedProber.frames("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertEquals("Overloaded", failed.error());
    }
}
