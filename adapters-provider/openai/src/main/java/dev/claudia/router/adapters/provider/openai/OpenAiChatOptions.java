package dev.claudia.router.adapters.provider.openai;

import dev.claudia.router.adapters.provider.openai.dialect.Dialect;
import dev.claudia.router.adapters.provider.openai.dialect.Dialects;
import dev.claudia.router.provider.support.OptionsReader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the {@code openai-chat} adapter words requests for one route: the backend's dialect
 * ({@code backends.<name>.dialect}, or inferred from its base URL) gives the defaults, config.json's
 * {@code backends.<name>.options} override them, and {@code modelProfiles.<alias>.options} override
 * those key by key (a profile may even name another dialect). The keys used to live in
 * {@code capabilities}, which is still read as this adapter's options, so older configs keep working.
 *
 * @param dialect          where the provider differs from OpenAI's rules ({@link Dialects})
 * @param reasoning        how to ask this provider for reasoning
 * @param systemMessages   where mid-conversation system messages go
 * @param streamUsage      send {@code stream_options.include_usage} (some servers reject it)
 * @param splitThinkTags   split inline {@code <think>...</think>} text into thinking blocks
 * @param reasoningHistory which earlier reasoning (the router's own thinking blocks) goes back upstream
 * @param toolCallsInText  recover tool calls a model printed as text ({@code <tool_call>} JSON,
 *                         DeepSeek's markup, fenced JSON) into real tool calls
 */
public record OpenAiChatOptions(Dialect dialect, ReasoningStyle reasoning, SystemMessages systemMessages,
                                boolean streamUsage, boolean splitThinkTags, ReasoningHistory reasoningHistory,
                                boolean toolCallsInText) {

    public static final OpenAiChatOptions DEFAULT = of(Dialects.GENERIC);

    public OpenAiChatOptions {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(systemMessages, "systemMessages");
        Objects.requireNonNull(reasoningHistory, "reasoningHistory");
    }

    /** The generic dialect with these four settings (what the options were before dialects). */
    public OpenAiChatOptions(ReasoningStyle reasoning, SystemMessages systemMessages, boolean streamUsage,
                             boolean splitThinkTags) {
        this(Dialects.GENERIC, reasoning, systemMessages, streamUsage, splitThinkTags, ReasoningHistory.DROP, false);
    }

    /** The same options in another dialect (its defaults do not come with it). */
    public OpenAiChatOptions withDialect(Dialect other) {
        return new OpenAiChatOptions(other, reasoning, systemMessages, streamUsage, splitThinkTags, reasoningHistory,
                toolCallsInText);
    }

    /** A dialect's defaults. */
    public static OpenAiChatOptions of(Dialect dialect) {
        Dialect.Defaults d = dialect.defaults();
        return new OpenAiChatOptions(dialect, d.reasoning(), d.systemMessages(), d.streamUsage(), d.splitThinkTags(),
                d.reasoningHistory(), false);
    }

    /**
     * Reads every key (problems stay in the reader); what is absent comes from {@code base}. A
     * {@code dialect} key is checked and kept, but does not change the other defaults: the caller
     * picks the base from the dialect first ({@link #dialectName}).
     */
    public static OpenAiChatOptions read(OptionsReader options, OpenAiChatOptions base) {
        return new OpenAiChatOptions(
                options.choice("dialect", Dialects.BY_NAME, base.dialect()),
                options.choice("reasoning", ReasoningStyle.BY_NAME, base.reasoning()),
                options.choice("systemMessages", SystemMessages.BY_NAME, base.systemMessages()),
                options.bool("streamUsage", base.streamUsage()),
                options.bool("splitThinkTags", base.splitThinkTags()),
                options.choice("reasoningHistory", ReasoningHistory.BY_NAME, base.reasoningHistory()),
                options.bool("toolCallsInText", base.toolCallsInText()));
    }

    /** The dialect an options object names, or null when it names none (or a wrong one: validation reports it). */
    public static Dialect dialectName(OptionsReader options) {
        return options.has("dialect") ? options.choice("dialect", Dialects.BY_NAME, null) : null;
    }

    /** The request dialect that turns reasoning on or off. */
    public enum ReasoningStyle {
        /** Do not ask; the request's thinking setting is reported as dropped. */
        NONE("none"),
        /** OpenAI {@code reasoning_effort}: low / medium / high. */
        EFFORT("effort"),
        /** vLLM, SGLang and NIM {@code chat_template_kwargs.enable_thinking} (Qwen3, GLM). */
        CHAT_TEMPLATE_KWARGS("chat_template_kwargs"),
        /** OpenRouter {@code reasoning: {effort | max_tokens}}. */
        OPENROUTER("openrouter"),
        /** DeepSeek and Z.ai {@code thinking: {type: enabled | disabled}}. */
        THINKING_TYPE("thinking_type"),
        /**
         * {@code chat_template_kwargs.thinking}: the key DeepSeek V3.1-family templates read (on NIM,
         * vLLM, SGLang) where Qwen 3 and GLM read {@code enable_thinking}. Last, so that the list in
         * configuration errors only grew at its end.
         */
        CHAT_TEMPLATE_KWARGS_THINKING("chat_template_kwargs_thinking");

        static final Map<String, ReasoningStyle> BY_NAME = Names.byName(values(), s -> s.configName);

        private final String configName;

        ReasoningStyle(String configName) {
            this.configName = configName;
        }
    }

    /** What to do with a {@code role: system} message in the middle of the conversation. */
    public enum SystemMessages {
        /** Keep it in place as a system message. */
        INLINE("inline"),
        /** Append it to the leading system prompt. */
        HOIST("hoist"),
        /** Send it as user text wrapped in {@code <system-reminder>}: every chat template accepts that. */
        USER_REMINDER("user");

        static final Map<String, SystemMessages> BY_NAME = Names.byName(values(), s -> s.configName);

        private final String configName;

        SystemMessages(String configName) {
            this.configName = configName;
        }
    }

    /** Which earlier reasoning goes back to the provider, in the dialect's assistant-message field. */
    public enum ReasoningHistory {
        /** None (most providers ignore it; several templates drop it anyway). */
        DROP("drop"),
        /** On assistant turns that made tool calls, as DeepSeek's thinking mode requires (empty when there was none). */
        TOOL_TURNS("tool_turns"),
        /** On every assistant turn that had some (GLM's {@code clear_thinking: false}, Kimi). */
        ALL("all");

        static final Map<String, ReasoningHistory> BY_NAME = Names.byName(values(), s -> s.configName);

        private final String configName;

        ReasoningHistory(String configName) {
            this.configName = configName;
        }
    }

    /**
     * Kept out of the outer class, so that initializing an enum (which the dialect table does)
     * never initializes {@link #DEFAULT}, which needs the dialect table.
     */
    private static final class Names {
        static <E> Map<String, E> byName(E[] values, java.util.function.Function<E, String> name) {
            Map<String, E> map = new LinkedHashMap<>();
            for (E value : values) {
                map.put(name.apply(value), value);
            }
            return map;
        }
    }
}
