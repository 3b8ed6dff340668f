package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.adapters.provider.openai.dialect.ErrorRule.Facts;
import dev.claudia.router.adapters.provider.openai.dialect.ErrorRule.Reading;
import dev.claudia.router.domain.port.FailureKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each provider's own words (quoted from its real answers) read into what Claude Code reacts to. */
class DialectErrorsTest {

    private static final Facts FACTS = new Facts(12000, 32000);

    private static Reading read(ErrorRule rule, int status, String message) {
        return rule.read(status, null, message, FACTS);
    }

    @Test
    void max_tokens_over_the_model_limit_becomes_the_retry_with_fewer_tokens_text() {
        assertEquals(new Reading(FailureKind.CONTEXT_TOO_LONG, "input length and `max_tokens` exceed context limit: "
                + "12000 + 32000 > 20192, decrease input length or `max_tokens` and try again", null),
                read(DialectErrors.OUTPUT_LIMIT, 400, "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]"));
        assertEquals("input length and `max_tokens` exceed context limit: 12000 + 32000 > 20192, decrease input length "
                + "or `max_tokens` and try again", read(DialectErrors.OUTPUT_LIMIT, 400, "`max_tokens` must be less than "
                + "or equal to `8192`, the maximum value for `max_tokens` is less than the `context_window` for this model")
                .message());
        assertEquals("input length and `max_tokens` exceed context limit: 12000 + 32000 > 28384, decrease input length "
                + "or `max_tokens` and try again", read(DialectErrors.OUTPUT_LIMIT, 400, "max_tokens is too large: 32000. "
                + "This model supports at most 16384 completion tokens, whereas you provided 32000.").message());
        assertEquals("input length and `max_tokens` exceed context limit: 2000 + 32000 > 32768, decrease input length "
                + "or `max_tokens` and try again", read(DialectErrors.OUTPUT_LIMIT, 400, "'max_tokens' or "
                + "'max_completion_tokens' is too large: 32000. This model's maximum context length is 32768 tokens and "
                + "your request has 2000 input tokens (32000 > 32768 - 2000).").message());
        assertNull(read(DialectErrors.OUTPUT_LIMIT, 400, "messages: roles must alternate"));
    }

    @Test
    void groq_tokens_per_minute_is_a_prompt_or_an_output_that_does_not_fit() {
        String tooBig = "Request too large for model `llama-3.1-8b-instant` in organization `org_01jy16rk1yffks8jdsmfn4s7rj` "
                + "service tier `on_demand` on tokens per minute (TPM): Limit 6000, Requested 45041, please reduce your "
                + "message size and try again. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing";
        assertEquals("prompt is too long: 45041 tokens > 6000 maximum", read(DialectErrors.GROQ_TOKENS_PER_MINUTE, 413, tooBig)
                .message());
        String outputOnly = tooBig.replace("Requested 45041", "Requested 36000");
        assertEquals("input length and `max_tokens` exceed context limit: 4000 + 32000 > 6000, decrease input length or "
                + "`max_tokens` and try again", read(DialectErrors.GROQ_TOKENS_PER_MINUTE, 413, outputOnly).message());
    }

    @Test
    void waits_named_in_the_text_become_retry_after() {
        assertEquals(Duration.ofMillis(16240), read(DialectErrors.RETRY_IN_TEXT, 429, "Rate limit reached for model "
                + "`llama-3.1-8b-instant` ... on tokens per minute (TPM): Limit 6000, Used 4093, Requested 3531. Please "
                + "try again in 16.239999999s. Need more tokens?").retryAfter());
        assertEquals(Duration.ofMillis(83450), read(DialectErrors.RETRY_IN_TEXT, 429, "... Please try again in 1m23.45s.")
                .retryAfter());
        assertEquals(Duration.ofMillis(17532), read(DialectErrors.RETRY_IN_TEXT, 429, "You exceeded your current quota, "
                + "please check your plan and billing details. Please retry in 17.532s.").retryAfter());
        assertNull(read(DialectErrors.RETRY_IN_TEXT, 400, "please try again in 2s"), "only rate limits");
    }

    @Test
    void prompt_too_long_in_gemini_mistral_openrouter_llamacpp_and_lmstudio_words() throws Exception {
        assertEquals("prompt is too long: 1234567 tokens > 1048576 maximum", read(DialectErrors.GEMINI_INPUT_TOKENS, 400,
                "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576).").message());
        assertEquals("prompt is too long: 40000 tokens > 32768 maximum", read(DialectErrors.MISTRAL_PROMPT, 400,
                "Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length")
                .message());
        assertEquals("prompt is too long: 140000 tokens > 131072 maximum", read(DialectErrors.OPENROUTER_CONTEXT, 400,
                "This endpoint's maximum context length is 131072 tokens. However, you requested about 150000 tokens "
                        + "(130000 of text input, 10000 of tool input, 10000 in the output). Please reduce the length of "
                        + "either one, or use the \"middle-out\" transform to compress your prompt automatically.").message());
        assertEquals("input length and `max_tokens` exceed context limit: 100000 + 40000 > 131072, decrease input length "
                + "or `max_tokens` and try again", read(DialectErrors.OPENROUTER_CONTEXT, 400, "This endpoint's maximum "
                + "context length is 131072 tokens. However, you requested about 140000 tokens (100000 of text input, "
                + "40000 in the output).").message());
        var error = new ObjectMapper().readTree("{\"code\":400,\"message\":\"the request exceeds the available context "
                + "size, try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5000,\"n_ctx\":4096}");
        assertEquals("prompt is too long: 5000 tokens > 4096 maximum",
                DialectErrors.LLAMACPP_CONTEXT.read(400, error, error.get("message").asText(), FACTS).message());
        assertEquals("prompt is too long: 12000 tokens > 4096 maximum", read(DialectErrors.LMSTUDIO_CONTEXT, 400,
                "Trying to keep the first 9000 tokens when context the overflows. However, the model is loaded with context "
                        + "length of only 4096 tokens, which is not enough.").message());
        assertEquals(FailureKind.NOT_FOUND, read(DialectErrors.LMSTUDIO_NO_MODEL, 400, "No models loaded. Please load a "
                + "model in the developer page or use the `lms load` command.").kind());
    }

    @Test
    void content_filters_keep_their_status_and_say_what_happened() {
        Reading deepseek = read(DialectErrors.CONTENT_FILTER, 400, "Content Exists Risk");
        assertNull(deepseek.kind());
        assertEquals("the provider's content filter refused the request: Content Exists Risk", deepseek.message());
        assertNull(read(DialectErrors.CONTENT_FILTER, 500, "Content Exists Risk"));
    }
}
