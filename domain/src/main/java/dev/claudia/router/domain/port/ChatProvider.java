package dev.claudia.router.domain.port;

import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.stream.EventStream;

import java.util.OptionalInt;

/**
 * A model provider, reached through one backend. Implementations translate to their wire format
 * and back, and report every failure as a {@link ProviderException}; they never retry (the
 * application decides that, per route).
 */
public interface ChatProvider {

    /** Asks for a whole message. */
    MessageResponse complete(ProviderCall call);

    /**
     * Starts a streamed message. Returns once the provider accepted the request (so failures to
     * connect or HTTP errors are thrown here, before anything reaches the caller); the events
     * are then pulled from the returned stream.
     */
    EventStream stream(ProviderCall call);

    /**
     * Counts the prompt's tokens the provider's way, when it can tell ({@code count_tokens}
     * forwarded upstream). Empty when it cannot: the router then counts locally. A failure may be
     * thrown; the router then counts locally too, since callers rely on an answer.
     */
    default OptionalInt countTokens(ProviderCall call) {
        return OptionalInt.empty();
    }

    /**
     * Releases the provider's connections and threads. The router calls it once no request uses the
     * provider any more: its backend was removed or changed by a config reload, or the router stops.
     */
    default void close() {}

    /**
     * Does now, once, the set-up its first request would otherwise pay for (an HTTP client's
     * runtime), without sending anything to the backend. The router calls it in the background at
     * start-up; a failure there is ignored, and the first request then does the set-up itself.
     */
    default void warmUp() {}

    /**
     * How this provider speaks to its backend, in a few words for the start-up log (the
     * {@code openai-chat} adapter names its dialect); empty when there is nothing to say.
     */
    default String describe() {
        return "";
    }
}
