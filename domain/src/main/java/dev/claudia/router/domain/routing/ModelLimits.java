package dev.claudia.router.domain.routing;

/**
 * The size limits of a provider model, from config.json ({@code modelProfiles.*.contextWindow} and
 * {@code maxOutputTokens}). Zero means "not declared": the router then neither guards nor clamps,
 * and it never presents a guess as the model's limit (clients such as Claude Code size their
 * compaction on these numbers).
 *
 * @param contextWindow   the most tokens the model takes, prompt and answer together; 0 when not declared
 * @param maxOutputTokens the most tokens it writes in one answer; 0 when not declared
 */
public record ModelLimits(int contextWindow, int maxOutputTokens) {

    public static final ModelLimits UNDECLARED = new ModelLimits(0, 0);

    public ModelLimits {
        if (contextWindow < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("limits must not be negative: window " + contextWindow
                    + ", output " + maxOutputTokens);
        }
    }

    public boolean declaresWindow() {
        return contextWindow > 0;
    }

    public boolean declaresMaxOutput() {
        return maxOutputTokens > 0;
    }

    /** True when a prompt of this size does not fit the declared window (never, when none is declared). */
    public boolean tooLong(int promptTokens) {
        return declaresWindow() && promptTokens > contextWindow;
    }

    /** {@code requested}, capped by the declared output limit (unchanged when none is declared). */
    public int capOutput(int requested) {
        return declaresMaxOutput() ? Math.min(requested, maxOutputTokens) : requested;
    }

    /**
     * The {@code max_tokens} to ask the provider for: the caller's, capped by the declared output
     * limit and by what the window leaves after the prompt (at least one token, so a prompt that
     * just fits still gets an answer instead of a provider error).
     */
    public int clampMaxTokens(int requested, int promptTokens) {
        int max = capOutput(requested);
        if (declaresWindow()) {
            max = Math.min(max, Math.max(1, contextWindow - promptTokens));
        }
        return max;
    }

    /** Anthropic's wording for a prompt over the window; Claude Code compacts when it reads it. */
    public String tooLongMessage(int promptTokens) {
        return "prompt is too long: " + promptTokens + " tokens > " + contextWindow + " maximum";
    }
}
