package dev.claudia.router.adapters.http.sse;

import dev.claudia.router.adapters.http.ClientStalledException;
import dev.claudia.router.adapters.http.mapping.Errors;
import dev.claudia.router.application.RequestTrace;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;

/**
 * Moves one stream's events to the client, on the request's own (virtual) thread: pull an event,
 * write it, flush unless the next one is already waiting, repeat. A write that fails means the
 * client left: the provider stream is closed at once, which drops the upstream connection. So does
 * a write that blocks because the client stopped reading, once the write watchdog ends it.
 * Finishes the request's log line.
 *
 * <p>Flushing is what costs: every flush is a write to the client's socket. So {@code message_start}
 * rides in the same write as the first content when the provider has already sent it, and the
 * first content delta is always flushed at once rather than waiting behind the rest of a burst:
 * the first token is what the user is waiting for.
 */
public final class SsePump {

    private static final System.Logger LOG = System.getLogger("claudia.http");

    private final SseFrames frames;
    private final KeepAlive keepAlive;

    public SsePump(SseFrames frames, KeepAlive keepAlive) {
        this.frames = frames;
        this.keepAlive = keepAlive;
    }

    public void pump(EventStream events, OutputStream out, RequestTrace trace) {
        SseChannel channel = new SseChannel(out);
        KeepAlive.Watch watch = keepAlive.watch(channel, events::close);
        String errorType = null;
        boolean contentSent = false;
        try {
            for (StreamEvent event = next(events); event != null; event = next(events)) {
                boolean firstContent = !contentSent && isDelta(event);
                contentSent |= firstContent;
                // Flush unless the next event is already translated: it then rides in the same write.
                channel.send(frames.encode(event, trace.requestId()), opensMessage(event),
                        () -> firstContent || !events.ready());
                if (event instanceof StreamEvent.StreamFailed failed) {
                    errorType = Errors.typeOf(failed.failure().kind());
                }
            }
        } catch (IOException clientGone) {
            events.close();
        } catch (RuntimeException bug) {
            LOG.log(Level.ERROR, "stream " + trace.requestId() + " failed inside the router", bug);
            errorType = "api_error";
            tryToSend(channel, new StreamEvent.StreamFailed(ProviderFailure.of(FailureKind.SERVER_ERROR, "router",
                    "internal error in Claudia Router (request " + trace.requestId() + "); see the router log")), trace);
            events.close();
        } finally {
            events.close(); // releases the provider connection whatever happened
            watch.cancel();
            trace.finish(channel.broken() ? 499 : 200, channel.broken() ? gone(channel) : errorType);
        }
    }

    /** How the client went away: it closed the connection, or stopped reading until the watchdog ended the stream. */
    private static String gone(SseChannel channel) {
        return channel.failure() instanceof ClientStalledException ? "client_stalled" : "client_closed";
    }

    private static boolean isDelta(StreamEvent event) {
        return event instanceof StreamEvent.BlockDelta
                || event instanceof StreamEvent.Forwarded f && f.kind() == StreamEvent.Forwarded.Kind.BLOCK_DELTA;
    }

    private static boolean opensMessage(StreamEvent event) {
        return event instanceof StreamEvent.MessageStarted
                || event instanceof StreamEvent.Forwarded f && f.kind() == StreamEvent.Forwarded.Kind.MESSAGE_START;
    }

    /** A provider failure that escapes the stream (nothing was sent yet) still ends as an error event. */
    private static StreamEvent next(EventStream events) {
        try {
            return events.next();
        } catch (ProviderException e) {
            return new StreamEvent.StreamFailed(e.failure());
        }
    }

    private void tryToSend(SseChannel channel, StreamEvent event, RequestTrace trace) {
        try {
            channel.send(frames.encode(event, trace.requestId()), false);
        } catch (IOException ignored) {
            // the client is gone as well; the log line says what happened
        }
    }
}
