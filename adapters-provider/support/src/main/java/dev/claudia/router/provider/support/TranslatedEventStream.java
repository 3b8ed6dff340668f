package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Pulls one provider stream through its {@link SseTranslation}: reads server-sent events only when
 * the previous translation is used up, so each event goes to the caller as soon as its bytes
 * arrive. {@link #close()} drops the upstream connection (the caller went away, or a retry replaces
 * the stream); a stream silent for longer than the backend's read timeout, or open past the total bound, is
 * dropped by the {@link IdleWatchdog} behind the {@link WatchedBody}. The connection is given back the moment the
 * translation ends, not at the caller's next call.
 */
public final class TranslatedEventStream implements EventStream {

    private final WatchedBody body;
    private final SseReader reader;
    private final SseTranslation translation;
    private final String backend;
    private final Deque<StreamEvent> ready = new ArrayDeque<>();
    private final List<StreamEvent> batch = new ArrayList<>();
    private boolean started;

    public TranslatedEventStream(WatchedBody body, SseTranslation translation, String backend) {
        this.body = body;
        this.reader = body.events(); // bounded lines and events (upstream.maxSseLineBytes)
        this.translation = translation;
        this.backend = backend;
    }

    @Override
    public StreamEvent next() {
        if (!started) {
            started = true;
            return translation.start();
        }
        while (ready.isEmpty()) {
            if (translation.ended() || body.closed()) {
                body.release();
                return null;
            }
            batch.clear();
            try {
                SseEvent event = reader.next();
                if (event == null) {
                    translation.onEnd(batch);
                } else {
                    translation.onEvent(event, batch);
                }
            } catch (IOException e) {
                if (body.closed()) {
                    return null; // the caller went away and closed us: nothing to report to anyone
                }
                translation.fail(batch, body.lost(e));
            } catch (RuntimeException e) {
                if (body.closed()) {
                    return null;
                }
                translation.fail(batch, ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend,
                        "could not translate the stream from backend '" + backend + "': " + e));
            }
            ready.addAll(batch);
            if (translation.ended()) {
                body.release(); // the answer is complete: give the connection back now
            }
        }
        return ready.poll();
    }

    /** Translates whatever whole events are already buffered, without waiting for the network. */
    @Override
    public boolean ready() {
        if (!started || translation.ended() || body.closed() || !ready.isEmpty()) {
            return true;
        }
        try {
            while (ready.isEmpty() && !translation.ended()) {
                if (reader.atEnd()) {
                    return true;
                }
                SseEvent event = reader.nextBuffered();
                if (event == null) {
                    return false;
                }
                batch.clear();
                translation.onEvent(event, batch);
                ready.addAll(batch);
                if (translation.ended()) {
                    body.release();
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
}
