package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.dialect.ErrorRule.Reading;
import dev.claudia.router.domain.port.FailureKind;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provider-specific error texts, read into the errors Claude Code reacts to. A prompt that does not
 * fit becomes {@code prompt is too long: N tokens > M maximum} (Claude Code compacts); an output
 * that does not fit becomes {@code input length and `max_tokens` exceed context limit: a + b > c}
 * (Claude Code retries with a smaller {@code max_tokens}). The texts are the providers' own; the
 * patterns only ever run on a provider's message, which the caller trims.
 */
public final class DialectErrors {

    private DialectErrors() {}

    /**
     * Every provider: {@code max_tokens} over the model's limit. DeepSeek "Invalid max_tokens value,
     * the valid range of max_tokens is [1, 8192]"; Groq "`max_tokens` must be less than or equal to
     * `32768`"; OpenAI "max_tokens is too large: 32000. This model supports at most 16384 completion
     * tokens"; vLLM "'max_tokens' or 'max_completion_tokens' is too large: 32000. This model's maximum
     * context length is 32768 tokens and your request has 2000 input tokens".
     */
    public static final ErrorRule OUTPUT_LIMIT = new ErrorRule() {
        private final Pattern vllm = Pattern.compile("too large: (\\d+)\\. this model's maximum context length is (\\d+) "
                + "tokens and your request has (\\d+) input tokens");
        private final Pattern cap = Pattern.compile("(?:valid range of max_tokens is \\[\\d+, *(\\d+)\\]"
                + "|max_tokens`? must be less than or equal to `?(\\d+)|supports at most (\\d+) completion tokens)");

        @Override
        public Reading read(int status, JsonNode error, String message, Facts facts) {
            String m = message.toLowerCase(Locale.ROOT);
            Matcher v = vllm.matcher(m);
            if (v.find()) {
                return outputTooLarge(Integer.parseInt(v.group(3)), Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)));
            }
            Matcher c = cap.matcher(m);
            if (!c.find()) {
                return null;
            }
            int limit = Integer.parseInt(c.group(1) != null ? c.group(1) : c.group(2) != null ? c.group(2) : c.group(3));
            int asked = Math.max(facts.maxTokens(), limit + 1);
            return outputTooLarge(facts.promptTokens(), asked, facts.promptTokens() + limit);
        }
    };

    /**
     * Groq answers a request larger than the organisation's tokens-per-minute budget with 413
     * "Request too large for model `m` in organization `o` service tier `on_demand` on tokens per
     * minute (TPM): Limit 6000, Requested 15041, please reduce your message size and try again."
     * Waiting cannot help; a smaller prompt (or output) can.
     */
    public static final ErrorRule GROQ_TOKENS_PER_MINUTE = new ErrorRule() {
        private final Pattern tpm = Pattern.compile("request too large for model .*\\(tpm\\): limit (\\d+), requested (\\d+)");

        @Override
        public Reading read(int status, JsonNode error, String message, Facts facts) {
            Matcher t = tpm.matcher(message.toLowerCase(Locale.ROOT));
            if (!t.find()) {
                return null;
            }
            int limit = Integer.parseInt(t.group(1));
            int requested = Integer.parseInt(t.group(2));
            int prompt = requested - facts.maxTokens();
            if (facts.maxTokens() > 0 && prompt > 0 && prompt <= limit) {
                return outputTooLarge(prompt, facts.maxTokens(), limit);
            }
            return promptTooLong(requested, limit);
        }
    };

    /** Groq and Gemini say when to come back in the text ("Please try again in 7.66s", "Please retry in 17.5s"). */
    public static final ErrorRule RETRY_IN_TEXT = new ErrorRule() {
        private final Pattern wait = Pattern.compile("(?:try again|retry) in (?:(\\d+)m)?(\\d+(?:\\.\\d+)?)s");

        @Override
        public Reading read(int status, JsonNode error, String message, Facts facts) {
            Matcher w = wait.matcher(message.toLowerCase(Locale.ROOT));
            if (status != 429 || !w.find()) {
                return null;
            }
            double seconds = Double.parseDouble(w.group(2)) + (w.group(1) == null ? 0 : 60 * Integer.parseInt(w.group(1)));
            return new Reading(FailureKind.RATE_LIMITED, null, Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        }
    };

    /** Gemini: "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576)." */
    public static final ErrorRule GEMINI_INPUT_TOKENS = matching(
            "input token count \\((\\d+)\\) exceeds the maximum number of tokens allowed \\((\\d+)\\)", 1, 2);

    /** Mistral: "Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length". */
    public static final ErrorRule MISTRAL_PROMPT = matching(
            "prompt contains (\\d+) tokens.*too large for model with (\\d+) maximum context length", 1, 2);

    /**
     * OpenRouter: "This endpoint's maximum context length is 131072 tokens. However, you requested
     * about 140000 tokens (130000 of text input, 10000 in the output)."
     */
    public static final ErrorRule OPENROUTER_CONTEXT = new ErrorRule() {
        private final Pattern context = Pattern.compile("maximum context length is (\\d+) tokens\\. however, you requested "
                + "about \\d+ tokens \\((.*?)(\\d+) in the output\\)");
        private final Pattern input = Pattern.compile("(\\d+) of [a-z ]*input");

        @Override
        public Reading read(int status, JsonNode error, String message, Facts facts) {
            Matcher c = context.matcher(message.toLowerCase(Locale.ROOT));
            if (!c.find()) {
                return null;
            }
            int limit = Integer.parseInt(c.group(1));
            int prompt = 0;
            for (Matcher i = input.matcher(c.group(2)); i.find(); ) {
                prompt += Integer.parseInt(i.group(1));
            }
            return prompt <= limit ? outputTooLarge(prompt, Integer.parseInt(c.group(3)), limit) : promptTooLong(prompt, limit);
        }
    };

    /**
     * llama.cpp: {@code {"error":{"code":400,"message":"the request exceeds the available context
     * size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}}}:
     * the numbers are fields, not words.
     */
    public static final ErrorRule LLAMACPP_CONTEXT = (status, error, message, facts) -> {
        if (error == null || !error.path("n_ctx").canConvertToInt() || !error.path("n_prompt_tokens").canConvertToInt()) {
            return null;
        }
        return promptTooLong(error.get("n_prompt_tokens").intValue(), error.get("n_ctx").intValue());
    };

    /** LM Studio: "No models loaded. Please load a model in the developer page or use the `lms load` command." */
    public static final ErrorRule LMSTUDIO_NO_MODEL = (status, error, message, facts) ->
            message.toLowerCase(Locale.ROOT).contains("no models loaded")
                    ? new Reading(FailureKind.NOT_FOUND, "the server has no model loaded: " + message, null) : null;

    /**
     * LM Studio: "... the model is loaded with context length of only 4096 tokens, which is not enough."
     */
    public static final ErrorRule LMSTUDIO_CONTEXT = new ErrorRule() {
        private final Pattern only = Pattern.compile("context length of only (\\d+) tokens");

        @Override
        public Reading read(int status, JsonNode error, String message, Facts facts) {
            Matcher o = only.matcher(message.toLowerCase(Locale.ROOT));
            if (!o.find()) {
                return null;
            }
            int limit = Integer.parseInt(o.group(1));
            return promptTooLong(Math.max(facts.promptTokens(), limit + 1), limit);
        }
    };

    /**
     * Content filters: DeepSeek "Content Exists Risk", Azure OpenAI "... filtered due to the prompt
     * triggering Azure OpenAI's content management policy", OpenRouter's moderation "... flagged".
     * The status keeps its kind; the caller learns that retrying the same text will not help.
     */
    public static final ErrorRule CONTENT_FILTER = (status, error, message, facts) -> {
        String m = message.toLowerCase(Locale.ROOT);
        boolean filtered = m.contains("content exists risk") || m.contains("content management policy")
                || m.contains("content_filter") || m.contains("flagged") && m.contains("moderation");
        return filtered && status >= 400 && status < 500 ? new Reading(null,
                "the provider's content filter refused the request: " + message, null) : null;
    };

    static Reading promptTooLong(int tokens, int limit) {
        return new Reading(FailureKind.CONTEXT_TOO_LONG, "prompt is too long: " + tokens + " tokens > " + limit + " maximum",
                null);
    }

    static Reading outputTooLarge(int input, int maxTokens, int limit) {
        return new Reading(FailureKind.CONTEXT_TOO_LONG, "input length and `max_tokens` exceed context limit: " + input
                + " + " + maxTokens + " > " + limit + ", decrease input length or `max_tokens` and try again", null);
    }

    /** A rule for a message that names the prompt's size and the limit, in these groups. */
    private static ErrorRule matching(String regex, int tokensGroup, int limitGroup) {
        Pattern pattern = Pattern.compile(regex);
        return (status, error, message, facts) -> {
            Matcher m = pattern.matcher(message.toLowerCase(Locale.ROOT));
            return m.find() ? promptTooLong(Integer.parseInt(m.group(tokensGroup)), Integer.parseInt(m.group(limitGroup)))
                    : null;
        };
    }
}
