package dev.claudia.router.adapters.http.sse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * The client end of one event stream. Writes are serialized because two threads write: the
 * request thread (events) and the keep-alive thread (pings). Every frame is flushed at once, so
 * each event reaches the client as soon as it is translated.
 */
final class SseChannel {

    private final OutputStream out;
    private volatile long lastWriteNanos;
    private volatile boolean opened;
    private volatile boolean broken;

    SseChannel(OutputStream out) {
        this.out = out;
        this.lastWriteNanos = System.nanoTime();
    }

    /** Sends one frame and flushes; {@code opensMessage} marks message_start, after which pings are allowed. */
    void send(byte[] frame, boolean opensMessage) throws IOException {
        send(frame, opensMessage, () -> true);
    }

    /**
     * Sends one frame; when {@code flush} says no, it waits in the buffer for the next frame, which
     * the caller knows is already there (one write instead of two, no later arrival). The question
     * is asked after the write: the first write commits the response headers, and by the time that
     * is done the provider's first content has often arrived too.
     */
    void send(byte[] frame, boolean opensMessage, BooleanSupplier flush) throws IOException {
        synchronized (this) {
            if (broken) {
                throw new IOException("the client closed the stream");
            }
            try {
                out.write(frame);
                if (flush.getAsBoolean()) {
                    out.flush();
                }
            } catch (IOException e) {
                broken = true;
                throw e;
            }
            lastWriteNanos = System.nanoTime();
            if (opensMessage) {
                opened = true;
            }
        }
    }

    /** A ping if the stream has been quiet for {@code idleNanos}; false when the client is gone. */
    boolean pingIfIdle(long idleNanos, long nowNanos) {
        if (!opened || broken || nowNanos - lastWriteNanos < idleNanos) {
            return !broken;
        }
        try {
            send(SseFrames.PING, false);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean broken() {
        return broken;
    }
}
