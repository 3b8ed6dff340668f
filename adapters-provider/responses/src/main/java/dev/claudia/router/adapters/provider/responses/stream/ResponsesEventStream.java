package dev.claudia.router.adapters.provider.responses.stream;

import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.provider.support.IdleWatchdog;
import dev.claudia.router.provider.support.TranslatedEventStream;
import dev.claudia.router.provider.support.WatchedBody;

import java.io.InputStream;

/** One Responses stream: the support module's pulled stream driving a {@link ResponsesTranslator}. */
public final class ResponsesEventStream {

    private ResponsesEventStream() {}

    /**
     * @param body       the response body, an event stream
     * @param connection closes the HTTP response (the caller left, or the answer is complete)
     */
    /** A stream on a body under the backend's watchdog and bounds ({@code Upstream.watch}). */
    public static EventStream of(WatchedBody body, ProviderCall call, boolean store, IdGenerator ids, TokenCounter tokens) {
        return new TranslatedEventStream(body, new ResponsesTranslator(call, store, ids, tokens), call.route().backend());
    }

    /** A stream on a body not made by {@code Upstream.watch} (tests). */
    public static EventStream of(InputStream body, AutoCloseable connection, ProviderCall call, boolean store,
                                 IdGenerator ids, TokenCounter tokens, IdleWatchdog watchdog) {
        String backend = call.route().backend();
        return new TranslatedEventStream(new WatchedBody(body, connection, watchdog, backend),
                new ResponsesTranslator(call, store, ids, tokens), backend);
    }
}
