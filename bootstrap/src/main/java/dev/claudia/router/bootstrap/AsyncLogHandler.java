package dev.claudia.router.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Takes logging off the request path: a record is put on a bounded queue and written (formatted,
 * masked, flushed) by one thread of its own, so a slow terminal or disk never holds up a request.
 * When the queue is full the record is dropped and counted, never waited for; once there is room
 * again a line says how many were lost. {@link #flush()} waits, boundedly, for the queue to empty
 * (the router's last lines at shutdown).
 */
final class AsyncLogHandler extends Handler {

    static final int CAPACITY = 8192;
    private static final int BATCH = 256;

    private final Handler target;
    private final BlockingQueue<LogRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private long reported;

    AsyncLogHandler(Handler target) {
        this(target, CAPACITY);
    }

    AsyncLogHandler(Handler target, int capacity) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(capacity);
        setLevel(Level.ALL);
        this.writer = Thread.ofPlatform().daemon().name("claudia-log").start(this::write);
    }

    /** Records lost because the queue was full, since the start. */
    long dropped() {
        return dropped.get();
    }

    Handler target() {
        return target;
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        if (queue.offer(record)) {
            accepted.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        List<LogRecord> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                LogRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (LogRecord record : batch) {
                    publishSafely(record);
                }
                reportDrops();
                target.flush();
                written.addAndGet(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            }
        }
    }

    private void reportDrops() {
        long now = dropped.get();
        if (now > reported) {
            LogRecord notice = new LogRecord(Level.WARNING, (now - reported) + " log line(s) dropped: the log could not "
                    + "keep up (" + now + " since start)");
            notice.setLoggerName("claudia.log");
            publishSafely(notice);
            reported = now;
        }
    }

    private void publishSafely(LogRecord record) {
        try {
            target.publish(record);
        } catch (RuntimeException e) {
            reportError("could not write a log line", e, java.util.logging.ErrorManager.WRITE_FAILURE);
        }
    }

    /** Waits up to two seconds for what is queued to be written. */
    @Override
    public void flush() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long wanted = accepted.get();
        while (written.get() < wanted && System.nanoTime() < until && writer.isAlive()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        target.flush();
    }

    @Override
    public void close() {
        flush();
        closed = true;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        target.close();
    }
}
