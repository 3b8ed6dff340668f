package dev.claudia.router.application;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.Route;

/**
 * Fits one attempt to its route's declared limits before the provider is called: a prompt larger
 * than the model's context window fails at once with Anthropic's {@code prompt is too long: N
 * tokens > M maximum} (Claude Code compacts the conversation when it reads it; no paid provider
 * call is made), and {@code max_tokens} is lowered to the declared output limit and to what the
 * window leaves after the prompt. Routes without declared limits pass unchanged.
 *
 * <p>The exact count costs milliseconds on a Claude Code prompt, so it is only waited for when a
 * cheap upper bound ({@link TokenCounter#upperBound}) says the prompt and the asked-for answer
 * might not fit; a typical request fits by a wide margin and never waits.
 */
final class WindowGuard {

    private final TokenCounter tokens;

    WindowGuard(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** The call, fitted; throws a {@link FailureKind#CONTEXT_TOO_LONG} failure when the prompt cannot fit. */
    ProviderCall fit(ProviderCall call) {
        Route route = call.route();
        ModelLimits limits = route.limits();
        MessageRequest request = call.request();
        int max = limits.capOutput(request.maxTokens());
        if (limits.declaresWindow() && tokens.upperBound(request) + (long) max > limits.contextWindow()) {
            int prompt = call.promptTokens().getAsInt();
            if (limits.tooLong(prompt)) {
                throw new ProviderException(new ProviderFailure(FailureKind.CONTEXT_TOO_LONG,
                        limits.tooLongMessage(prompt), route.backend(), 0, null));
            }
            max = limits.clampMaxTokens(request.maxTokens(), prompt);
        }
        if (max == request.maxTokens()) {
            return call;
        }
        return new ProviderCall(route, request.withMaxTokens(max), call.messageId(), call.promptTokens(), call.warnings());
    }
}
