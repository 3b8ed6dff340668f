package dev.claudia.router.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsyncLogHandlerTest {

    /** A terminal that stops taking output until released. */
    private static final class StuckTerminal extends Handler {
        final CountDownLatch released = new CountDownLatch(1);
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.add(record.getMessage());
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    }

    @Test
    void a_stuck_log_never_blocks_the_caller_and_counts_what_it_drops() throws Exception {
        StuckTerminal terminal = new StuckTerminal();
        AsyncLogHandler log = new AsyncLogHandler(terminal, 10);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            log.publish(new LogRecord(Level.INFO, "line " + i));
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "a thousand lines into a stuck log");
        // the writer holds one batch (blocked on its first line), ten wait in the queue, the rest were dropped
        long dropped = log.dropped();
        assertTrue(dropped >= 1000 - 10 - 11 && dropped <= 1000 - 10, "drops are counted: " + dropped);
        terminal.released.countDown();
        log.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (terminal.lines.size() < 1000 - dropped + 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("line 0", terminal.lines.getFirst());
        assertEquals(1000 - dropped + 1, terminal.lines.size(), "every line not dropped, and the notice");
        assertTrue(terminal.lines.contains(dropped + " log line(s) dropped: the log could not keep up (" + dropped
                + " since start)"), terminal.lines.toString());
        log.close();
    }

    @Test
    void a_message_cannot_forge_a_line() {
        String line = new Logs.OneLine().format(new LogRecord(Level.INFO,
                "model x\r\n2026-01-01T00:00:00Z INFO  claudia.request req_forged status=200\u001b[2J\u2028end"));
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        assertTrue(line.endsWith("model x\\r\\n2026-01-01T00:00:00Z INFO  claudia.request req_forged status=200"
                + "\\u001b[2J\\u2028end\n"), line);
    }
}
