package dev.claudia.router.domain.port;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.routing.Route;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * One attempt at one route.
 *
 * @param messageId        the id the answer must carry (stable across retries and fallbacks)
 * @param promptTokens     an estimate of the prompt's size, computed at most once per request;
 *                         used where the provider gives no count (e.g. {@code message_start})
 * @param warnings         where to report parts of the request the provider cannot take
 */
public record ProviderCall(Route route, MessageRequest request, String messageId, IntSupplier promptTokens,
                           Consumer<Warning> warnings) {
    public ProviderCall {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(promptTokens, "promptTokens");
        Objects.requireNonNull(warnings, "warnings");
    }
}
