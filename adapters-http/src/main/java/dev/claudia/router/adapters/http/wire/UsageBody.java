package dev.claudia.router.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Anthropic usage. {@code input_tokens} excludes cached tokens. The nested objects are present
 * (zeros) because SDKs type them as objects.
 */
public record UsageBody(int inputTokens, int outputTokens, int cacheCreationInputTokens, int cacheReadInputTokens,
                        CacheCreation cacheCreation, ServerToolUse serverToolUse, String serviceTier) {

    /** Named explicitly: the snake_case strategy would write {@code ephemeral5m_input_tokens}. */
    public record CacheCreation(@JsonProperty("ephemeral_5m_input_tokens") int ephemeral5mInputTokens,
                                @JsonProperty("ephemeral_1h_input_tokens") int ephemeral1hInputTokens) {}

    public record ServerToolUse(int webSearchRequests, int webFetchRequests) {}

    public static UsageBody of(int input, int output, int cacheCreation, int cacheRead) {
        return new UsageBody(input, output, cacheCreation, cacheRead, new CacheCreation(cacheCreation, 0),
                new ServerToolUse(0, 0), "standard");
    }
}
