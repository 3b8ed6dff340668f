package dev.claudia.router.adapters.provider.openai.stream;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.provider.support.SseEvent;
import dev.claudia.router.provider.support.IdleWatchdog;
import dev.claudia.router.provider.support.SseReader;
import dev.claudia.router.provider.support.WatchedBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Pulls one provider stream: reads SSE events only when the previous translation is used up, so
 * each event goes to the caller as soon as its chunk arrives. {@link #close()} drops the upstream
 * connection (the caller went away, or the stream is being replaced by a retry); a stream that sends
 * no event for longer than the backend's read timeout, or stays open past the total bound, is
 * dropped by the backend's watchdog ({@link WatchedBody}).
 */
public final class OpenAiEventStream implements EventStream {

    private final WatchedBody body;
    private final SseReader reader;
    private final ChunkTranslator translator;
    private final String backend;
    private final Deque<StreamEvent> ready = new ArrayDeque<>();
    private final List<StreamEvent> batch = new ArrayList<>();
    private boolean started;

    /** A stream on a body not made by {@code Upstream.watch} (tests, adapters with their own transport). */
    public OpenAiEventStream(InputStream body, AutoCloseable connection, ProviderCall call, OpenAiChatOptions options,
                             IdGenerator ids, TokenCounter tokens, IdleWatchdog watchdog) {
        this(new WatchedBody(body, connection, watchdog, call.route().backend()), CallRules.of(call, options), ids,
                tokens);
    }

    public OpenAiEventStream(WatchedBody body, CallRules rules, IdGenerator ids, TokenCounter tokens) {
        this.backend = rules.call().route().backend();
        this.body = body;
        this.reader = body.events();
        this.translator = new ChunkTranslator(rules, ids, tokens);
    }

    @Override
    public StreamEvent next() {
        if (!started) {
            started = true;
            return translator.start();
        }
        while (ready.isEmpty()) {
            if (translator.ended() || body.closed()) {
                release();
                return null;
            }
            batch.clear();
            try {
                SseEvent event = reader.next();
                if (event == null) {
                    translator.onEnd(batch);
                } else {
                    translator.onData(event.data(), batch);
                }
            } catch (IOException e) {
                if (body.closed()) {
                    return null; // the caller went away and closed us: nothing to report to anyone
                }
                translator.fail(batch, body.lost(e));
            } catch (RuntimeException e) {
                if (body.closed()) {
                    return null;
                }
                translator.fail(batch, ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend,
                        "could not translate the stream from backend '" + backend + "': " + e));
            }
            ready.addAll(batch);
            if (translator.ended()) {
                release(); // the answer is complete: give the connection back now, not at the next call
            }
        }
        return ready.poll();
    }

    /** Translates whatever whole events are already buffered, without waiting for the network. */
    @Override
    public boolean ready() {
        if (!started || translator.ended() || body.closed() || !ready.isEmpty()) {
            return true;
        }
        try {
            while (ready.isEmpty() && !translator.ended()) {
                if (reader.atEnd()) {
                    return true;
                }
                SseEvent event = reader.nextBuffered();
                if (event == null) {
                    return false;
                }
                batch.clear();
                translator.onData(event.data(), batch);
                ready.addAll(batch);
                if (translator.ended()) {
                    release();
                }
            }
        } catch (IOException | RuntimeException e) {
            return true; // next() meets the same failure and reports it
        }
        return true;
    }

    @Override
    public void close() {
        body.close();
    }

    private void release() {
        body.release();
    }
}
