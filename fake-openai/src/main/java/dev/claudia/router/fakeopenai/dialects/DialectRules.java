package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request rules of real providers, chosen by the request path's first segment:
 * {@code /gemini/v1beta/openai/chat/completions} is checked the way Gemini checks, and so on for
 * {@code /openai}, {@code /deepseek}, {@code /mistral}, {@code /groq} and {@code /openrouter}. The
 * other dialect names ({@code /nvidia-nim}, {@code /ollama}, {@code /lmstudio}, {@code /vllm},
 * {@code /llamacpp}, {@code /generic}) are accepted and check nothing: those servers take what the
 * router sends. A path without such a prefix checks nothing either, as before. A refused request
 * gets the provider's own status and body (texts quoted from its real answers).
 */
public final class DialectRules {

    /** Path prefixes that name a dialect, with or without rules. */
    public static final Set<String> PREFIXES = Set.of("nvidia-nim", "deepseek", "openrouter", "groq", "gemini", "mistral",
            "ollama", "lmstudio", "vllm", "llamacpp", "generic", "openai");
    private static final Pattern SIGNATURE = Pattern.compile("thought_signature\\\\*\"\\s*:\\s*\\\\*\"([A-Za-z0-9+/=_-]+)");

    /** Thought signatures the fake has handed out in scripted answers (Gemini refuses any other). */
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    /** The dialect a request path names, or null. */
    public static String dialectOf(String path) {
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path.substring(1) : path.substring(1, end);
        return PREFIXES.contains(first) ? first : null;
    }

    /** Remembers the thought signatures in a script (its raw text, escaped frames included). */
    public void remember(String script) {
        for (Matcher m = SIGNATURE.matcher(script); m.find(); ) {
            issued.add(m.group(1));
        }
    }

    /** The provider's refusal of this request, or null when it would take it. */
    public Refusal check(String path, JsonNode request) {
        String dialect = dialectOf(path);
        if (dialect == null) {
            return null;
        }
        return switch (dialect) {
            case "openai" -> OpenAiRules.check(request);
            case "deepseek" -> DeepSeekRules.check(request);
            case "gemini" -> GeminiRules.check(request, issued::contains);
            case "mistral" -> MistralRules.check(request);
            case "groq" -> GroqRules.check(request);
            case "openrouter" -> openRouter(request);
            default -> null;
        };
    }

    /** OpenRouter passes the upstream's refusal on inside its own envelope ("Provider returned error"). */
    private static Refusal openRouter(JsonNode request) {
        Refusal upstream = OpenAiRules.names(request);
        if (upstream == null) {
            return null;
        }
        var body = Bodies.JSON.createObjectNode();
        var error = body.putObject("error").put("message", "Provider returned error").put("code", 400);
        error.putObject("metadata").put("raw", upstream.body()).put("provider_name", "OpenAI");
        return new Refusal(400, body.toString());
    }
}
