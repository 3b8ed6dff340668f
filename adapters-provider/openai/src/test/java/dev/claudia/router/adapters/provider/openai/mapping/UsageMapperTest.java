package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.domain.message.Usage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UsageMapperTest {

    private static Usage map(String json) throws Exception {
        return UsageMapper.fromOpenAi(ProviderJson.MAPPER.readTree(json));
    }

    @Test
    void maps_plain_usage() throws Exception {
        assertEquals(new Usage(100, 20, 0, 0, 0, false), map("{\"prompt_tokens\":100,\"completion_tokens\":20}"));
    }

    @Test
    void moves_cached_tokens_out_of_the_input_count() throws Exception {
        assertEquals(new Usage(36, 20, 64, 0, 12, false), map("""
                {"prompt_tokens":100,"completion_tokens":20,"prompt_tokens_details":{"cached_tokens":64},
                 "completion_tokens_details":{"reasoning_tokens":12}}"""));
    }

    @Test
    void reads_deepseeks_cache_hits() throws Exception {
        assertEquals(new Usage(30, 5, 70, 0, 0, false), map("""
                {"prompt_tokens":100,"completion_tokens":5,"prompt_cache_hit_tokens":70,"prompt_cache_miss_tokens":30}"""));
    }

    @Test
    void reports_cache_writes_as_cache_creation_and_keeps_the_prompt_total() throws Exception {
        Usage usage = map("""
                {"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":10,"cache_write_tokens":50}}""");
        assertEquals(new Usage(40, 5, 10, 50, 0, false), usage);
        assertEquals(100, usage.totalInputTokens());
    }

    @Test
    void never_goes_negative() throws Exception {
        Usage usage = map("{\"prompt_tokens\":10,\"completion_tokens\":-3,\"prompt_tokens_details\":{\"cached_tokens\":50}}");
        assertEquals(new Usage(0, 0, 10, 0, 0, false), usage);
    }

    @Test
    void missing_usage_is_null_so_the_caller_estimates() throws Exception {
        assertNull(UsageMapper.fromOpenAi(null));
        assertNull(map("null"));
        assertNull(map("{}"));
        assertEquals(new Usage(42, 7, 0, 0, 0, true), UsageMapper.estimated(42, 7));
    }
}
