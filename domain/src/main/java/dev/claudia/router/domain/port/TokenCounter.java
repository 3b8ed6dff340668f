package dev.claudia.router.domain.port;

import dev.claudia.router.domain.message.MessageRequest;

/**
 * Counts tokens the way a model's tokenizer would, approximately: for {@code count_tokens} and
 * for usage the provider did not report. Claude Code's auto-compaction depends on these numbers.
 */
public interface TokenCounter {

    /** The prompt: system, messages and tool definitions. */
    int countRequest(MessageRequest request);

    /** A piece of generated text. */
    int countText(String text);

    /**
     * A number never below {@link #countRequest}, computed without tokenizing (from sizes alone),
     * so callers can skip the exact count when even the bound is small enough.
     */
    default int upperBound(MessageRequest request) {
        return countRequest(request);
    }
}
