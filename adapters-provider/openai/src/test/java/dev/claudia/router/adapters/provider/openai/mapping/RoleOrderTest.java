package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ChatMessage;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.Part;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoleOrderTest {

    @Test
    void user_text_after_tool_results_joins_the_last_tool_message() {
        List<ChatMessage> out = RoleOrder.noUserAfterTool(List.of(ChatMessage.of("user", "go"),
                new ChatMessage("tool", "r1", null, "a"), new ChatMessage("tool", "r2", null, "b"),
                ChatMessage.of("user", "<system-reminder>x</system-reminder>")));
        assertEquals(List.of(ChatMessage.of("user", "go"), new ChatMessage("tool", "r1", null, "a"),
                new ChatMessage("tool", "r2\n\n<system-reminder>x</system-reminder>", null, "b")), out);
    }

    @Test
    void user_images_after_tool_results_get_a_short_assistant_turn_first() {
        ChatMessage image = ChatMessage.of("user", List.of(Part.image("data:image/png;base64,AA")));
        List<ChatMessage> out = RoleOrder.noUserAfterTool(List.of(new ChatMessage("tool", "r", null, "a"), image));
        assertEquals(List.of(new ChatMessage("tool", "r", null, "a"), ChatMessage.of("assistant", RoleOrder.CONTINUE), image), out);
    }

    @Test
    void merging_two_assistant_turns_keeps_both_reasonings() {
        List<ChatMessage> out = RoleOrder.mergeSameRole(List.of(
                ChatMessage.of("assistant", "a").withReasoning("reasoning_content", "r1"),
                ChatMessage.of("assistant", "b").withReasoning("reasoning_content", "r2")));
        assertEquals(List.of(new ChatMessage("assistant", "a\n\nb", null, null, "r1r2", null)), out);
    }
}
