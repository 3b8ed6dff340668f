package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningStyle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic {@code thinking} (and {@code output_config.effort}) in the dialect the route speaks
 * (docs/translation.md, docs/providers.md): OpenAI's {@code reasoning_effort}, the {@code chat_template_kwargs} of
 * vLLM/SGLang/NIM ({@code enable_thinking}, or {@code thinking} for DeepSeek V3.1 templates),
 * OpenRouter's {@code reasoning} object, or DeepSeek/Z.ai's {@code thinking}.
 */
public final class ReasoningMapper {

    private ReasoningMapper() {}

    /** What to add to the request: an effort value and/or top-level extra fields. */
    public record Reasoning(String effort, Map<String, Object> extras) {
        static final Reasoning NONE = new Reasoning(null, Map.of());
    }

    public static Reasoning map(MessageRequest request, ReasoningStyle style, Consumer<Warning> warnings) {
        ThinkingConfig thinking = request.thinking();
        if (thinking instanceof ThinkingConfig.Unspecified) {
            return Reasoning.NONE;
        }
        boolean on = request.wantsThinking();
        return switch (style) {
            case NONE -> {
                if (on) {
                    warnings.accept(new Warning("thinking", "route has no reasoning dialect (options.reasoning)"));
                }
                yield Reasoning.NONE;
            }
            case EFFORT -> on ? new Reasoning(effort(request), Map.of()) : Reasoning.NONE;
            case CHAT_TEMPLATE_KWARGS -> extra("chat_template_kwargs", Map.of("enable_thinking", on));
            case CHAT_TEMPLATE_KWARGS_THINKING -> extra("chat_template_kwargs", Map.of("thinking", on));
            case OPENROUTER -> extra("reasoning", switch (thinking) {
                case ThinkingConfig.Enabled e -> Map.of("max_tokens", e.budgetTokens());
                case ThinkingConfig.Adaptive a -> Map.of("effort", effort(request));
                default -> Map.of("enabled", false);
            });
            case THINKING_TYPE -> extra("thinking", Map.of("type", on ? "enabled" : "disabled"));
        };
    }

    /** Budget buckets for explicit budgets; the caller's effort for adaptive thinking. */
    static String effort(MessageRequest request) {
        if (request.thinking() instanceof ThinkingConfig.Enabled e) {
            return e.budgetTokens() < 4096 ? "low" : e.budgetTokens() < 16384 ? "medium" : "high";
        }
        Effort effort = request.effort();
        if (effort == null) {
            return "medium";
        }
        return switch (effort) {
            case LOW -> "low";
            case MEDIUM -> "medium";
            // Most providers stop at high.
            case HIGH, XHIGH, MAX -> "high";
        };
    }

    private static Reasoning extra(String key, Map<String, Object> value) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(key, value);
        return new Reasoning(null, extras);
    }
}
