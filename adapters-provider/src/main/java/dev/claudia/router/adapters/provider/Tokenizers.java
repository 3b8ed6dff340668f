package dev.claudia.router.adapters.provider;

import dev.claudia.router.adapters.provider.tokens.JtokkitTokenCounter;
import dev.claudia.router.domain.port.TokenCounter;

/** Token counters. */
public final class Tokenizers {

    private Tokenizers() {}

    /**
     * The standard counter: jtokkit's {@code cl100k_base} BPE. Claude's tokenizer is not public and
     * the providers' models each have their own; cl100k is a close, slightly generous stand-in for
     * both (generous is the safe side for Claude Code's auto-compaction). Its vocabulary loads in
     * the background at start-up, so the first request does not pay for it.
     */
    public static TokenCounter standard() {
        return JtokkitTokenCounter.cl100k();
    }
}
