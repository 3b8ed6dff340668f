package dev.claudia.router.domain.message;

/**
 * What the caller asked of extended thinking. {@link Unspecified} leaves the provider's default
 * alone, which differs from {@link Disabled} (turn reasoning off where the provider can).
 */
public sealed interface ThinkingConfig {

    record Unspecified() implements ThinkingConfig {}

    record Disabled() implements ThinkingConfig {}

    /** Thinking with a token budget (Anthropic {@code {"type":"enabled","budget_tokens":N}}). */
    record Enabled(int budgetTokens) implements ThinkingConfig {}

    /** The model decides how much to think (Anthropic {@code {"type":"adaptive"}}, Claude Code's default). */
    record Adaptive() implements ThinkingConfig {}

    ThinkingConfig UNSPECIFIED = new Unspecified();
}
