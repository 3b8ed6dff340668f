package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningHistory;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Warning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReasoningReplayTest {

    private static final ContentBlock OWN = new ContentBlock.Thinking("I should list files.",
            ThinkingSignatures.sign("I should list files."));
    private static final ContentBlock ALTERED = new ContentBlock.Thinking("I should delete files.",
            ThinkingSignatures.sign("I should list files."));
    private static final ContentBlock ANTHROPIC = new ContentBlock.Thinking("Anthropic's summary",
            "EqMPCkgIDRABGAIqQLsu3KN/ovAdOg1a1HQqToWQ");
    private static final ContentBlock REDACTED = new ContentBlock.RedactedThinking("EmwKAhgBEgy3va3pzix");
    private static final ContentBlock CALL = new ContentBlock.ToolUse("toolu_1", "Bash", new RawJson("{}"));

    private final List<Warning> warnings = new ArrayList<>();

    private ReasoningReplay replay(String field, ReasoningHistory history, boolean thinkingOff) {
        return new ReasoningReplay(field, history, thinkingOff, warnings::add);
    }

    @Test
    void deepseek_gets_the_routers_own_reasoning_on_tool_turns_and_an_empty_one_when_there_was_none() {
        ReasoningReplay deepseek = replay("reasoning_content", ReasoningHistory.TOOL_TURNS, false);
        assertEquals("I should list files.", deepseek.forTurn(List.of(OWN, CALL), true));
        assertEquals("", deepseek.forTurn(List.of(CALL), true), "a tool turn from another model: the field, empty");
        assertEquals("", deepseek.forTurn(List.of(ANTHROPIC, REDACTED, ALTERED, CALL), true),
                "foreign, redacted and altered thinking are never replayed");
        assertNull(deepseek.forTurn(List.of(OWN), false), "turns without tool calls need nothing");
        assertEquals(List.of("history.thinking.foreign", "history.redacted_thinking", "history.thinking.foreign",
                "history.thinking"), warnings.stream().map(Warning::field).toList(), "everything left out is reported");
    }

    @Test
    void all_sends_every_turns_reasoning_and_drop_or_thinking_off_sends_none_and_says_so() {
        assertEquals("I should list files.", replay("reasoning", ReasoningHistory.ALL, false).forTurn(List.of(OWN), false));
        assertNull(replay("reasoning", ReasoningHistory.ALL, false).forTurn(List.of(CALL), false));
        assertNull(replay("reasoning_content", ReasoningHistory.DROP, false).forTurn(List.of(OWN, CALL), true));
        assertNull(replay("reasoning_content", ReasoningHistory.TOOL_TURNS, true).forTurn(List.of(OWN, CALL), true));
        assertNull(replay(null, ReasoningHistory.TOOL_TURNS, false).forTurn(List.of(OWN, CALL), true),
                "a provider that rejects the field (Mistral, Groq) never gets it");
        assertEquals(List.of("history.thinking", "history.thinking", "history.thinking"),
                warnings.stream().map(Warning::field).toList());
        assertEquals("this provider takes no earlier reasoning", warnings.getLast().reason());
    }
}
