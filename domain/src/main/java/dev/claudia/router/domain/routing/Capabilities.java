package dev.claudia.router.domain.routing;

import java.util.Objects;

/**
 * What a provider model can take, from config {@code modelProfiles.*.capabilities}. Adapters
 * consult it to choose a mapping; anything a model cannot take is left out with a warning.
 *
 * @param streaming       whether the provider streams, answers whole, or only streams
 * @param reasoning       how to ask this provider for reasoning
 * @param systemMessages  where mid-conversation system messages go
 * @param streamUsage     send {@code stream_options.include_usage} (some servers reject it)
 * @param splitThinkTags  split inline {@code <think>...</think>} text into thinking blocks
 */
public record Capabilities(Streaming streaming, ReasoningStyle reasoning, SystemMessages systemMessages,
                           boolean streamUsage, boolean splitThinkTags) {

    public static final Capabilities DEFAULT =
            new Capabilities(Streaming.BOTH, ReasoningStyle.NONE, SystemMessages.USER_REMINDER, true, false);

    public Capabilities {
        Objects.requireNonNull(streaming, "streaming");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(systemMessages, "systemMessages");
    }

    /** How the provider answers. */
    public enum Streaming {
        /** Streams when asked, answers whole otherwise. */
        BOTH,
        /** Cannot stream: streaming callers get events synthesized from one whole answer. */
        NEVER,
        /** Always streams: whole-answer callers get the stream folded into one message. */
        ONLY
    }

    /** The request dialect that turns reasoning on or off (protocol.md D.1 thinking rows). */
    public enum ReasoningStyle {
        /** Do not ask; the request's thinking setting is reported as dropped. */
        NONE,
        /** OpenAI {@code reasoning_effort}: low / medium / high. */
        EFFORT,
        /** vLLM, SGLang and NIM {@code chat_template_kwargs.enable_thinking} (Qwen3, GLM). */
        CHAT_TEMPLATE_KWARGS,
        /** OpenRouter {@code reasoning: {effort | max_tokens}}. */
        OPENROUTER,
        /** DeepSeek and Z.ai {@code thinking: {type: enabled | disabled}}. */
        THINKING_TYPE
    }

    /** What to do with a {@code role: system} message in the middle of the conversation. */
    public enum SystemMessages {
        /** Keep it in place as a system message. */
        INLINE,
        /** Append it to the leading system prompt. */
        HOIST,
        /** Send it as user text wrapped in {@code <system-reminder>}: every chat template accepts that. */
        USER_REMINDER
    }
}
