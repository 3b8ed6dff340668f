package dev.claudia.router.provider.support;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body for the JDK client that lets go of its bytes as soon as they are sent. The JDK
 * client's pooled HTTP/1.1 connection keeps the exchange that opened it (through its connect timer
 * event) until the connection closes, 30 s idle by default, and with the exchange its request, its
 * body publisher and the publisher's subscription: with {@code BodyPublishers.ofByteArray} every idle
 * connection held its first request's body (measured: twice its size, copies included), megabytes
 * for a late Claude Code request. Here the subscription drops the array once it has handed out the
 * last piece, and {@link #release()} drops the publisher's own reference once the answer is in.
 */
final class ReleasingBody implements HttpRequest.BodyPublisher {

    private static final int PIECE = 16 * 1024;

    private final long length;
    private volatile byte[] bytes;

    ReleasingBody(byte[] bytes) {
        this.bytes = bytes;
        this.length = bytes.length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        byte[] now = bytes;
        Pieces pieces = new Pieces(subscriber, now);
        subscriber.onSubscribe(pieces);
        if (now == null) {
            pieces.fail(new IOException("the request body was already sent and released"));
        }
    }

    /** The answer's headers are in: the body is not needed again (redirects are never followed). */
    void release() {
        bytes = null;
    }

    /** Hands out the array in pieces, as asked; forgets it once done or cancelled. */
    private static final class Pieces implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private byte[] array;
        private int offset;
        private long demand;
        private boolean emitting;
        private boolean done;

        Pieces(Flow.Subscriber<? super ByteBuffer> subscriber, byte[] array) {
            this.subscriber = subscriber;
            this.array = array;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (emitting) {
                    return; // the loop below, further up this thread's stack or on another, serves it
                }
                emitting = true;
            }
            while (true) {
                ByteBuffer piece;
                boolean complete;
                synchronized (this) {
                    if (done || array == null || demand == 0) {
                        emitting = false;
                        return;
                    }
                    int size = Math.min(PIECE, array.length - offset);
                    piece = ByteBuffer.wrap(array, offset, size);
                    offset += size;
                    demand--;
                    complete = offset >= array.length;
                    if (complete) {
                        array = null;
                        done = true;
                    }
                }
                if (piece.hasRemaining()) {
                    subscriber.onNext(piece);
                }
                if (complete) {
                    subscriber.onComplete();
                }
            }
        }

        @Override
        public synchronized void cancel() {
            done = true;
            array = null;
        }

        void fail(Throwable error) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                array = null;
            }
            subscriber.onError(error);
        }
    }
}
