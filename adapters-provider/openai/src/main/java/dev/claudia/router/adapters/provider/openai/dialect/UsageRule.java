package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a provider reports the prompt tokens it served from its cache. */
public enum UsageRule {
    /**
     * OpenAI's {@code usage.prompt_tokens_details.cached_tokens}, or DeepSeek's
     * {@code usage.prompt_cache_hit_tokens} (the larger, when both are present).
     */
    STANDARD,
    /** llama.cpp: as above, else {@code timings.cache_n} beside {@code usage} (older servers). */
    LLAMACPP;

    /**
     * @param usage     the {@code usage} object
     * @param container the answer or chunk that holds it (for fields beside it); may be null
     */
    public int cachedTokens(JsonNode usage, JsonNode container) {
        int cached = Math.max(count(usage.path("prompt_tokens_details").path("cached_tokens")),
                count(usage.path("prompt_cache_hit_tokens")));
        if (this == LLAMACPP && cached == 0 && container != null) {
            cached = count(container.path("timings").path("cache_n"));
        }
        return cached;
    }

    private static int count(JsonNode value) {
        return value.isNumber() ? Math.max(0, value.intValue()) : 0;
    }
}
