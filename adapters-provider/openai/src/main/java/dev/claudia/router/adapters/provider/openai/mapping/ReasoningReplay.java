package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningHistory;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Warning;

import java.util.List;
import java.util.function.Consumer;

/**
 * Earlier reasoning, sent back to providers that want it. DeepSeek in thinking mode rejects a
 * conversation whose assistant tool-call turns lack it (400 "The `reasoning_content` in the thinking
 * mode must be passed back to the API."); GLM and Kimi templates keep earlier reasoning when given
 * it. Only thinking the router itself produced is sent: its signature is the digest of its text
 * ({@link ThinkingSignatures#verify}), so it is the provider's own words, unaltered. Thinking signed
 * by someone else (Anthropic, after a model switch) and redacted thinking are never replayed as
 * text; they are reported, and a turn that needs a field gets an empty one.
 */
final class ReasoningReplay {

    private final String field;
    private final ReasoningHistory history;
    private final boolean thinkingOff;
    private final Consumer<Warning> warnings;

    /**
     * @param field       the assistant-message field, or null when the provider rejects one
     * @param thinkingOff the request turned thinking off (nothing is replayed then)
     */
    ReasoningReplay(String field, ReasoningHistory history, boolean thinkingOff, Consumer<Warning> warnings) {
        this.field = field;
        this.history = history;
        this.thinkingOff = thinkingOff;
        this.warnings = warnings;
    }

    /** {@code reasoning_content} or {@code reasoning}; meaningful when {@link #forTurn} returned text. */
    String field() {
        return field;
    }

    /** What to send with one assistant turn: its own reasoning, "" when it must have some, or null for nothing. */
    String forTurn(List<ContentBlock> blocks, boolean madeToolCalls) {
        boolean replay = field != null && !thinkingOff && switch (history) {
            case DROP -> false;
            case TOOL_TURNS -> madeToolCalls;
            case ALL -> true;
        };
        StringBuilder own = new StringBuilder();
        boolean ownLeftOut = false;
        for (ContentBlock block : blocks) {
            switch (block) {
                case ContentBlock.Thinking t when ThinkingSignatures.verify(t.thinking(), t.signature()) -> {
                    if (replay) {
                        own.append(t.thinking());
                    } else {
                        ownLeftOut = true;
                    }
                }
                case ContentBlock.Thinking t -> warnings.accept(new Warning("history.thinking.foreign",
                        "thinking signed by another provider is never sent to this one"));
                case ContentBlock.RedactedThinking r -> warnings.accept(new Warning("history.redacted_thinking",
                        "encrypted reasoning cannot be sent to an OpenAI-compatible provider"));
                default -> { }
            }
        }
        if (ownLeftOut) {
            warnings.accept(new Warning("history.thinking", field == null
                    ? "this provider takes no earlier reasoning" : "earlier reasoning is not sent (options.reasoningHistory)"));
        }
        if (!replay || !madeToolCalls && own.isEmpty()) {
            return null;
        }
        return own.toString();
    }
}
