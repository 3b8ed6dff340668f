package dev.claudia.router.adapters.provider.tokens;

import dev.claudia.router.domain.port.TokenCounter;

/** Token counters for {@code count_tokens} and for usage a provider does not report. */
public final class Tokenizers {

    private Tokenizers() {}

    /**
     * The standard counter: jtokkit's {@code cl100k_base} BPE, plus small per-message, per-tool and
     * per-image costs. Why cl100k rather than {@code o200k_base}: Claude's tokenizer is not public
     * and every provider model has its own, so any choice is a stand-in, and the error that hurts is
     * counting too few (Claude Code compacts the conversation on these numbers; undercounting lets
     * it send prompts the model rejects). o200k's larger vocabulary packs code and non-English text
     * into fewer tokens than Claude's tokenizer does; cl100k lands closer, on the generous side. Its
     * vocabulary is also half the size, so it loads faster.
     *
     * <p>One shared instance, thread-safe. Its vocabulary is loaded when a text is first counted, not
     * when the counter is made: {@code upperBound}, which routing and the context-window guard use,
     * needs none.
     */
    public static TokenCounter standard() {
        return JtokkitTokenCounter.cl100k();
    }
}
