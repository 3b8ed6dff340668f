package dev.claudia.router.adapters.http;

import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A provider stream the test feeds by hand; {@link #end()} finishes it, close() is observable. */
final class QueueStream implements EventStream {

    private static final StreamEvent END = new StreamEvent.Ping();

    private final LinkedBlockingQueue<StreamEvent> queue = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean ended;

    QueueStream push(StreamEvent... events) {
        for (StreamEvent e : events) {
            queue.add(e);
        }
        return this;
    }

    void end() {
        queue.add(END);
    }

    @Override
    public StreamEvent next() {
        if (ended) {
            return null;
        }
        try {
            while (closed.getCount() > 0) {
                StreamEvent e = queue.poll(50, TimeUnit.MILLISECONDS);
                if (e == END) {
                    ended = true;
                    return null;
                }
                if (e != null) {
                    return e;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
