package dev.claudia.router.domain.message;

import java.util.Locale;

/** Why the model stopped, in Anthropic's vocabulary. */
public enum StopReason {
    END_TURN, MAX_TOKENS, STOP_SEQUENCE, TOOL_USE, PAUSE_TURN, REFUSAL, MODEL_CONTEXT_WINDOW_EXCEEDED;

    /** The Anthropic wire value, e.g. {@code end_turn}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
