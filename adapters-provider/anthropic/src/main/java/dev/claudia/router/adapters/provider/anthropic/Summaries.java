package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;

/**
 * What the router reads of an Anthropic answer it passes on, for the request log and the commit
 * rule: usage and the stop reason. Nothing here changes a byte of what the caller gets.
 */
final class Summaries {

    private Summaries() {}

    /**
     * A usage object over what was known before ({@code message_delta} usage is cumulative and may
     * carry only {@code output_tokens}; the input counts then stay those of {@code message_start}).
     */
    static Usage usage(JsonNode usage, Usage before) {
        if (usage == null || !usage.isObject()) {
            return before;
        }
        return new Usage(count(usage, "input_tokens", before.inputTokens()),
                count(usage, "output_tokens", before.outputTokens()),
                count(usage, "cache_read_input_tokens", before.cacheReadInputTokens()),
                count(usage, "cache_creation_input_tokens", before.cacheCreationInputTokens()), 0, false);
    }

    /** The domain's stop reason, or null when absent or one this router does not know (the caller still gets it). */
    static StopReason stopReason(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        for (StopReason reason : StopReason.values()) {
            if (reason.wireName().equals(value.textValue())) {
                return reason;
            }
        }
        return null;
    }

    private static int count(JsonNode usage, String field, int absent) {
        JsonNode value = usage.get(field);
        return value != null && value.isIntegralNumber() ? Math.max(0, value.intValue()) : absent;
    }
}
