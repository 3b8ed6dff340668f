package dev.claudia.router.adapters.provider.openai.mapping;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises "the prompt does not fit" errors from OpenAI, vLLM, llama.cpp, Ollama and DeepSeek,
 * and rewords them the way Anthropic does. Claude Code reads exactly these texts: it compacts the
 * conversation on {@code prompt is too long: N tokens > M maximum}, and retries with a smaller
 * {@code max_tokens} on {@code input length and `max_tokens` exceed context limit: a + b > c}.
 */
final class ContextOverflow {

    private static final String[] PHRASES = {"context_length_exceeded", "maximum context length", "prompt is too long",
        "exceeds the context window", "too many tokens", "context size", "context length", "context window",
        "exceed_context_size", "input length"};
    private static final Pattern LIMIT = Pattern.compile(
            "(?:maximum context length is|context size \\(|n_ctx\\s*=\\s*|context window of|limit of|maximum of)\\s*(\\d+)");
    private static final Pattern ACTUAL = Pattern.compile(
            "(?:resulted in|request \\(|n_prompt_tokens\\s*=\\s*|prompt has|you requested|prompt contains)\\s*(\\d+)");
    private static final Pattern SPLIT = Pattern.compile("(\\d+) in the messages, (\\d+) in the completion");

    private ContextOverflow() {}

    static boolean matches(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        for (String phrase : PHRASES) {
            if (m.contains(phrase) && (phrase.startsWith("context") ? m.contains("exceed") || m.contains("too") : true)) {
                return true;
            }
        }
        return false;
    }

    static String anthropicMessage(String providerMessage, int estimatedPrompt) {
        String m = providerMessage.toLowerCase(Locale.ROOT);
        Integer limit = number(LIMIT, m);
        Matcher split = SPLIT.matcher(m);
        if (limit != null && split.find()) {
            int input = Integer.parseInt(split.group(1));
            int output = Integer.parseInt(split.group(2));
            if (input <= limit) {
                return "input length and `max_tokens` exceed context limit: " + input + " + " + output + " > " + limit
                        + ", decrease input length or `max_tokens` and try again";
            }
            return "prompt is too long: " + input + " tokens > " + limit + " maximum";
        }
        Integer actual = number(ACTUAL, m);
        int tokens = actual != null ? actual : estimatedPrompt;
        if (limit != null) {
            return "prompt is too long: " + Math.max(tokens, limit + 1) + " tokens > " + limit + " maximum";
        }
        return "prompt is too long: " + providerMessage;
    }

    private static Integer number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : null;
    }
}
