package dev.claudia.router.application;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.TokenCounter;

/**
 * Counts a prompt's tokens locally, for {@code count_tokens}. Claude Code calls it for context
 * accounting ({@code /context}, tool budgets), so it must answer whatever the route, and quickly.
 */
public final class CountTokens {

    private final TokenCounter tokens;

    public CountTokens(TokenCounter tokens) {
        this.tokens = tokens;
    }

    public int count(MessageRequest request, RequestTrace trace) {
        trace.request(request);
        return tokens.countRequest(request);
    }
}
