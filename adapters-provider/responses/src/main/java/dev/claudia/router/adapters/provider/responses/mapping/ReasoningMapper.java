package dev.claudia.router.adapters.provider.responses.mapping;

import dev.claudia.router.adapters.provider.responses.OpenAiResponsesOptions;
import dev.claudia.router.adapters.provider.responses.wire.ResponsesRequest.Reasoning;
import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;

import java.util.List;
import java.util.function.Consumer;

/**
 * Anthropic {@code thinking} and {@code output_config.effort} as a Responses {@code reasoning} object,
 * and the {@code include} that lets the reasoning come back. The effort is the caller's (adaptive
 * thinking, or an explicit effort) or a bucket of the thinking budget; a summary is asked for only
 * when the caller wants thinking, since only then does the answer show it. Without {@code store},
 * reasoning can only round-trip as encrypted content, so that is requested whenever the answer
 * will carry thinking.
 */
public final class ReasoningMapper {

    static final String ENCRYPTED = "reasoning.encrypted_content";

    private ReasoningMapper() {}

    /** The {@code reasoning} object and {@code include} list to send (either may be null). */
    public record Mapped(Reasoning reasoning, List<String> include) {
        static final Mapped NONE = new Mapped(null, null);
    }

    public static Mapped map(MessageRequest request, OpenAiResponsesOptions options, Consumer<Warning> warnings) {
        boolean thinking = request.wantsThinking();
        boolean effortAsked = request.effort() != null;
        if (!thinking && !effortAsked) {
            return Mapped.NONE; // unspecified or disabled: the model's default
        }
        if (options.reasoning() == OpenAiResponsesOptions.ReasoningMode.NONE) {
            warnings.accept(new Warning(thinking ? "thinking" : "output_config.effort",
                    "this route's model takes no reasoning settings (options.reasoning is \"none\")"));
            return Mapped.NONE;
        }
        String summary = thinking ? options.reasoningSummary().wire() : null;
        List<String> include = thinking && !options.store() ? List.of(ENCRYPTED) : null;
        return new Mapped(new Reasoning(effort(request), summary), include);
    }

    /** Budget buckets for explicit budgets; the caller's effort otherwise (most models stop at high). */
    static String effort(MessageRequest request) {
        if (request.thinking() instanceof ThinkingConfig.Enabled e && request.effort() == null) {
            return e.budgetTokens() < 4096 ? "low" : e.budgetTokens() < 16384 ? "medium" : "high";
        }
        Effort effort = request.effort();
        if (effort == null) {
            return "medium";
        }
        return switch (effort) {
            case LOW -> "low";
            case MEDIUM -> "medium";
            case HIGH, XHIGH, MAX -> "high";
        };
    }
}
