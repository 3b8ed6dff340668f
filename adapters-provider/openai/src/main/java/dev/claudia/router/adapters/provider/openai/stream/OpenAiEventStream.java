package dev.claudia.router.adapters.provider.openai.stream;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.provider.support.SseEvent;
import dev.claudia.router.provider.support.IdleWatchdog;
import dev.claudia.router.provider.support.SseTranslation;
import dev.claudia.router.provider.support.TranslatedEventStream;
import dev.claudia.router.provider.support.WatchedBody;

import java.io.InputStream;
import java.util.List;

/**
 * One chat-completions stream: the support module's {@link TranslatedEventStream} (pulling,
 * watchdog, bounds, release and close) driving this adapter's {@link ChunkTranslator} in the call's
 * dialect, which reads only the {@code data} of each event.
 */
public final class OpenAiEventStream implements EventStream {

    private final TranslatedEventStream stream;

    /** A stream on a body not made by {@code Upstream.watch} (tests, adapters with their own transport). */
    public OpenAiEventStream(InputStream body, AutoCloseable connection, ProviderCall call, OpenAiChatOptions options,
                             IdGenerator ids, TokenCounter tokens, IdleWatchdog watchdog) {
        this(new WatchedBody(body, connection, watchdog, call.route().backend()), CallRules.of(call, options), ids,
                tokens);
    }

    public OpenAiEventStream(WatchedBody body, CallRules rules, IdGenerator ids, TokenCounter tokens) {
        String backend = rules.call().route().backend();
        ChunkTranslator translator = new ChunkTranslator(rules, ids, tokens);
        this.stream = new TranslatedEventStream(body, new SseTranslation() {
            @Override
            public StreamEvent start() {
                return translator.start();
            }

            @Override
            public void onEvent(SseEvent event, List<StreamEvent> out) {
                translator.onData(event.data(), out);
            }

            @Override
            public void onEnd(List<StreamEvent> out) {
                translator.onEnd(out);
            }

            @Override
            public void fail(List<StreamEvent> out, ProviderFailure failure) {
                translator.fail(out, failure);
            }

            @Override
            public boolean ended() {
                return translator.ended();
            }
        }, backend);
    }

    @Override
    public StreamEvent next() {
        return stream.next();
    }

    @Override
    public boolean ready() {
        return stream.ready();
    }

    @Override
    public void close() {
        stream.close();
    }
}
