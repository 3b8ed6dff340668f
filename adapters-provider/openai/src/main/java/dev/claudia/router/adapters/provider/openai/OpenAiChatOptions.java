package dev.claudia.router.adapters.provider.openai;

import dev.claudia.router.provider.support.OptionsReader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the {@code openai-chat} adapter words requests for one route: config.json's
 * {@code backends.<name>.options} (defaults for the backend's profiles), overridden key by key by
 * {@code modelProfiles.<alias>.options}. The keys used to live in {@code capabilities}, which is
 * still read as this adapter's options, so older configs keep working.
 *
 * @param reasoning      how to ask this provider for reasoning
 * @param systemMessages where mid-conversation system messages go
 * @param streamUsage    send {@code stream_options.include_usage} (some servers reject it)
 * @param splitThinkTags split inline {@code <think>...</think>} text into thinking blocks
 */
public record OpenAiChatOptions(ReasoningStyle reasoning, SystemMessages systemMessages, boolean streamUsage,
                                boolean splitThinkTags) {

    public static final OpenAiChatOptions DEFAULT =
            new OpenAiChatOptions(ReasoningStyle.NONE, SystemMessages.USER_REMINDER, true, false);

    public OpenAiChatOptions {
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(systemMessages, "systemMessages");
    }

    /** Reads every key (problems stay in the reader); what is absent comes from {@code base}. */
    public static OpenAiChatOptions read(OptionsReader options, OpenAiChatOptions base) {
        return new OpenAiChatOptions(
                options.choice("reasoning", ReasoningStyle.BY_NAME, base.reasoning()),
                options.choice("systemMessages", SystemMessages.BY_NAME, base.systemMessages()),
                options.bool("streamUsage", base.streamUsage()),
                options.bool("splitThinkTags", base.splitThinkTags()));
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
        THINKING_TYPE("thinking_type");

        static final Map<String, ReasoningStyle> BY_NAME = byName(values(), s -> s.configName);

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

        static final Map<String, SystemMessages> BY_NAME = byName(values(), s -> s.configName);

        private final String configName;

        SystemMessages(String configName) {
            this.configName = configName;
        }
    }

    private static <E> Map<String, E> byName(E[] values, java.util.function.Function<E, String> name) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) {
            map.put(name.apply(value), value);
        }
        return map;
    }
}
