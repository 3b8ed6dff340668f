package dev.claudia.router.domain.message;

/**
 * Token counts in Anthropic's sense: {@code inputTokens} excludes cached tokens, so the whole
 * prompt is {@code inputTokens + cacheReadInputTokens + cacheCreationInputTokens}.
 *
 * @param thinkingTokens part of {@code outputTokens} spent on reasoning, when the provider says
 * @param estimated      true when some count came from our tokenizer rather than the provider
 */
public record Usage(int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheCreationInputTokens,
                    int thinkingTokens, boolean estimated) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, false);

    public static Usage of(int inputTokens, int outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0, 0, false);
    }

    public Usage withOutputTokens(int tokens) {
        return new Usage(inputTokens, tokens, cacheReadInputTokens, cacheCreationInputTokens, thinkingTokens, estimated);
    }

    /** The whole prompt, cached or not. */
    public int totalInputTokens() {
        return inputTokens + cacheReadInputTokens + cacheCreationInputTokens;
    }
}
