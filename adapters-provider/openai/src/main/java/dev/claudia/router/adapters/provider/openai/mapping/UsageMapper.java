package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.dialect.UsageRule;
import dev.claudia.router.domain.message.Usage;

/**
 * OpenAI usage to Anthropic usage. OpenAI's {@code prompt_tokens} includes cached tokens;
 * Anthropic's {@code input_tokens} does not, so the cached part moves to
 * {@code cache_read_input_tokens} (DeepSeek reports it as {@code prompt_cache_hit_tokens}).
 */
public final class UsageMapper {

    private UsageMapper() {}

    /** Null when the provider reported no usage. */
    public static Usage fromOpenAi(JsonNode usage) {
        return fromOpenAi(usage, UsageRule.STANDARD, null);
    }

    /**
     * @param rule      where this provider reports cached tokens
     * @param container the answer or chunk holding {@code usage} (llama.cpp reports some beside it); may be null
     */
    public static Usage fromOpenAi(JsonNode usage, UsageRule rule, JsonNode container) {
        if (usage == null || !usage.isObject() || !usage.has("prompt_tokens") && !usage.has("completion_tokens")) {
            return null;
        }
        int prompt = ProviderJson.integer(usage, "prompt_tokens");
        JsonNode details = usage.path("prompt_tokens_details");
        int cached = rule.cachedTokens(usage, container);
        int written = ProviderJson.integer(details, "cache_write_tokens");
        cached = Math.min(cached, prompt);
        written = Math.min(written, prompt - cached);
        int output = ProviderJson.integer(usage, "completion_tokens");
        int thinking = ProviderJson.integer(usage.path("completion_tokens_details"), "reasoning_tokens");
        return new Usage(prompt - cached - written, output, cached, written, thinking, false);
    }

    /** Our own counts, for providers that report none. */
    public static Usage estimated(int promptTokens, int outputTokens) {
        return new Usage(promptTokens, outputTokens, 0, 0, 0, true);
    }
}
