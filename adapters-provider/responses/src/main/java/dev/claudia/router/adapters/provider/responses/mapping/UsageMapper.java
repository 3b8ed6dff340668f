package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.Usage;

/**
 * Responses usage to Anthropic usage. The Responses {@code input_tokens} includes the cached tokens
 * ({@code input_tokens_details.cached_tokens}) and those written to the cache
 * ({@code cache_write_tokens}); Anthropic's {@code input_tokens} includes neither, so they move to
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}.
 * {@code output_tokens_details.reasoning_tokens} is the part of the output spent reasoning.
 */
public final class UsageMapper {

    private UsageMapper() {}

    /** Null when the provider reported no usage. */
    public static Usage fromResponses(JsonNode usage) {
        if (usage == null || !usage.isObject() || !usage.has("input_tokens") && !usage.has("output_tokens")) {
            return null;
        }
        int input = ResponsesJson.integer(usage, "input_tokens");
        JsonNode details = usage.path("input_tokens_details");
        int cached = Math.min(ResponsesJson.integer(details, "cached_tokens"), input);
        int written = Math.min(ResponsesJson.integer(details, "cache_write_tokens"), input - cached);
        int output = ResponsesJson.integer(usage, "output_tokens");
        int reasoning = ResponsesJson.integer(usage.path("output_tokens_details"), "reasoning_tokens");
        return new Usage(input - cached - written, output, cached, written, reasoning, false);
    }

    /** Our own counts, for providers that report none. */
    public static Usage estimated(int promptTokens, int outputTokens) {
        return new Usage(promptTokens, outputTokens, 0, 0, 0, true);
    }
}
