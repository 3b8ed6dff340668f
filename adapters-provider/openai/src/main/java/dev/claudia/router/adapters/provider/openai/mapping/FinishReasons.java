package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.domain.message.StopReason;

import java.util.List;

/**
 * OpenAI {@code finish_reason} to Anthropic {@code stop_reason} (docs/translation.md, "Answers"). Several servers
 * (Ollama, Gemini's compatibility layer, some vLLM parsers) say {@code stop}, or nothing, when
 * they made tool calls, so for those values the tool calls decide; an explicit {@code length},
 * {@code content_filter} or context overflow is kept even then, because it tells the client the
 * answer was cut short.
 */
public final class FinishReasons {

    private FinishReasons() {}

    /**
     * @param finishReason  the provider's value, possibly null
     * @param matchedStop   vLLM's {@code stop_reason} (the stop string that matched), possibly null
     * @param stopSequences what the caller asked to stop on
     * @param madeToolCalls whether the answer contains tool calls
     */
    public static Outcome map(String finishReason, String matchedStop, List<String> stopSequences, boolean madeToolCalls) {
        StopReason reason = switch (finishReason == null ? "" : finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.REFUSAL;
            case "model_context_window_exceeded" -> StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED;
            // stop, eos, end_turn, abort, error, null and anything unknown: the model is done talking.
            default -> madeToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
        };
        if (reason == StopReason.END_TURN && matchedStop != null && stopSequences.contains(matchedStop)) {
            return new Outcome(StopReason.STOP_SEQUENCE, matchedStop);
        }
        return new Outcome(reason, null);
    }

    /** The stop reason and, for {@code stop_sequence}, which one. */
    public record Outcome(StopReason reason, String stopSequence) {}
}
