package dev.claudia.router.adapters.provider.openai.dialect;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningHistory;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningStyle;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;
import dev.claudia.router.adapters.provider.openai.dialect.Dialect.Defaults;
import dev.claudia.router.adapters.provider.openai.dialect.Dialect.OutputCap;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The known dialects (docs/providers.md has one section per entry, with its sources), and which
 * one a base URL implies. Every row starts from OpenAI's own rules ({@link #GENERIC}) and says only
 * where its provider differs.
 */
public final class Dialects {

    private static final Set<String> NONE = Set.of();
    private static final String REASONING_CONTENT = "reasoning_content";
    private static final Defaults PLAIN =
            new Defaults(ReasoningStyle.NONE, SystemMessages.USER_REMINDER, true, false, ReasoningHistory.DROP);
    /** Servers that run a model's own chat template: reasoning may stay inline as {@code <think>}. */
    private static final Defaults LOCAL =
            new Defaults(ReasoningStyle.NONE, SystemMessages.USER_REMINDER, true, true, ReasoningHistory.DROP);
    private static final Defaults TEMPLATE_KWARGS =
            new Defaults(ReasoningStyle.CHAT_TEMPLATE_KWARGS, SystemMessages.USER_REMINDER, true, true, ReasoningHistory.DROP);

    /** OpenAI's rules: 64-character function names, 40-character tool-call ids. */
    public static final Dialect GENERIC = new Dialect("generic", PLAIN, NONE, SchemaRule.KEEP, NameRule.OPENAI,
            IdRule.OPENAI, REASONING_CONTENT, false, true, false, OutputCap.NONE, UsageRule.STANDARD,
            List.of(DialectErrors.CONTENT_FILTER));

    public static final Dialect NVIDIA_NIM = new Dialect("nvidia-nim", PLAIN, NONE, SchemaRule.KEEP, NameRule.OPENAI,
            IdRule.TEMPLATE, REASONING_CONTENT, false, true, false, OutputCap.NONE, UsageRule.STANDARD, List.of());

    /** Thinking by {@code thinking.type}; earlier reasoning must come back on tool-call turns. */
    public static final Dialect DEEPSEEK = new Dialect("deepseek",
            new Defaults(ReasoningStyle.THINKING_TYPE, SystemMessages.USER_REMINDER, true, false, ReasoningHistory.TOOL_TURNS),
            NONE, SchemaRule.KEEP, NameRule.OPENAI, IdRule.OPENAI, REASONING_CONTENT, false, true, false,
            Dialects::deepSeekOutput, UsageRule.STANDARD, List.of(DialectErrors.CONTENT_FILTER));

    /** Thinking by OpenRouter's {@code reasoning} object, reasoning kept on tool turns (the upstream may need it). */
    public static final Dialect OPENROUTER = new Dialect("openrouter",
            new Defaults(ReasoningStyle.OPENROUTER, SystemMessages.USER_REMINDER, true, false, ReasoningHistory.TOOL_TURNS),
            NONE, SchemaRule.KEEP, NameRule.OPENAI, IdRule.OPENAI, "reasoning", false, true, false, OutputCap.NONE,
            UsageRule.STANDARD, List.of(DialectErrors.OPENROUTER_CONTEXT, DialectErrors.CONTENT_FILTER));

    /** Rejects unknown properties ({@code top_k}, {@code reasoning_content} in messages). */
    public static final Dialect GROQ = new Dialect("groq", PLAIN, Set.of("top_k"), SchemaRule.NO_SCHEMA_KEYWORD,
            NameRule.OPENAI, IdRule.OPENAI, null, false, true, false, OutputCap.NONE, UsageRule.STANDARD,
            List.of(DialectErrors.GROQ_TOKENS_PER_MINUTE, DialectErrors.RETRY_IN_TEXT));

    /** OpenAPI-subset schemas, thought signatures on tool calls, no {@code top_k}/{@code user}/{@code parallel_tool_calls}. */
    public static final Dialect GEMINI = new Dialect("gemini",
            new Defaults(ReasoningStyle.EFFORT, SystemMessages.USER_REMINDER, true, false, ReasoningHistory.DROP),
            Set.of("top_k", "user", "parallel_tool_calls"), SchemaRule.GEMINI, NameRule.GEMINI, IdRule.OPENAI, null, true,
            true, false, OutputCap.NONE, UsageRule.STANDARD,
            List.of(DialectErrors.GEMINI_INPUT_TOKENS, DialectErrors.RETRY_IN_TEXT));

    /** 9-character ids, no user message right after a tool message, extra fields forbidden. */
    public static final Dialect MISTRAL = new Dialect("mistral",
            new Defaults(ReasoningStyle.NONE, SystemMessages.USER_REMINDER, false, false, ReasoningHistory.DROP),
            Set.of("top_k", "user", "stream_options"), SchemaRule.KEEP, NameRule.OPENAI, IdRule.MISTRAL, null, false, false,
            false, OutputCap.NONE, UsageRule.STANDARD, List.of(DialectErrors.MISTRAL_PROMPT));

    public static final Dialect OLLAMA = new Dialect("ollama", LOCAL, NONE, SchemaRule.KEEP, NameRule.ANY, IdRule.TEMPLATE,
            "reasoning", false, true, false, OutputCap.NONE, UsageRule.STANDARD, List.of());

    public static final Dialect LMSTUDIO = new Dialect("lmstudio", LOCAL, NONE, SchemaRule.KEEP, NameRule.ANY,
            IdRule.TEMPLATE, REASONING_CONTENT, false, true, false, OutputCap.NONE, UsageRule.STANDARD,
            List.of(DialectErrors.LMSTUDIO_NO_MODEL, DialectErrors.LMSTUDIO_CONTEXT));

    public static final Dialect VLLM = new Dialect("vllm", TEMPLATE_KWARGS, NONE, SchemaRule.KEEP, NameRule.ANY,
            IdRule.TEMPLATE, REASONING_CONTENT, false, true, false, OutputCap.NONE, UsageRule.STANDARD, List.of());

    /** Parallel tool calls only when asked; cached tokens also in {@code timings.cache_n}. */
    public static final Dialect LLAMACPP = new Dialect("llamacpp", TEMPLATE_KWARGS, NONE, SchemaRule.KEEP, NameRule.ANY,
            IdRule.TEMPLATE, REASONING_CONTENT, false, true, true, OutputCap.NONE, UsageRule.LLAMACPP,
            List.of(DialectErrors.LLAMACPP_CONTEXT));

    /** By config name, in the order the docs list them. */
    public static final Map<String, Dialect> BY_NAME = byName(NVIDIA_NIM, DEEPSEEK, OPENROUTER, GROQ, GEMINI, MISTRAL,
            OLLAMA, LMSTUDIO, VLLM, LLAMACPP, GENERIC);

    private static final Map<String, Dialect> HOSTS = Map.of(
            "integrate.api.nvidia.com", NVIDIA_NIM, "api.deepseek.com", DEEPSEEK, "openrouter.ai", OPENROUTER,
            "api.groq.com", GROQ, "generativelanguage.googleapis.com", GEMINI, "api.mistral.ai", MISTRAL,
            "codestral.mistral.ai", MISTRAL);
    /** The default ports of servers people run on their own machine. */
    private static final Map<Integer, Dialect> LOCAL_PORTS = Map.of(11434, OLLAMA, 1234, LMSTUDIO);

    private Dialects() {}

    /** The dialect a backend's base URL implies: its host, or a local server's default port; else {@link #GENERIC}. */
    public static Dialect infer(URI baseUrl) {
        String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
        Dialect known = HOSTS.get(host);
        if (known != null) {
            return known;
        }
        if (host.endsWith(".api.nvidia.com")) {
            return NVIDIA_NIM;
        }
        boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        return local ? LOCAL_PORTS.getOrDefault(baseUrl.getPort(), GENERIC) : GENERIC;
    }

    /**
     * DeepSeek's documented output limits for its two API model names (deepseek-chat 8K,
     * deepseek-reasoner 64K); other models are not capped. A profile's maxOutputTokens wins.
     */
    private static int deepSeekOutput(String model) {
        return switch (model) {
            case "deepseek-chat" -> 8192;
            case "deepseek-reasoner" -> 65536;
            default -> 0;
        };
    }

    private static Map<String, Dialect> byName(Dialect... dialects) {
        Map<String, Dialect> map = new LinkedHashMap<>();
        for (Dialect d : dialects) {
            map.put(d.name(), d);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
