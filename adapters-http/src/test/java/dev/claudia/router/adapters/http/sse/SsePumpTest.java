package dev.claudia.router.adapters.http.sse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the pump flushes: each flush is one write to the client's socket. */
class SsePumpTest {

    private final KeepAlive keepAlive = new KeepAlive(Duration.ofSeconds(30));
    private final SsePump pump = new SsePump(new SseFrames(new ObjectMapper()), keepAlive);

    @AfterEach
    void stop() {
        keepAlive.close();
    }

    /** Records what had been written at each flush. */
    private static class FlushLog extends ByteArrayOutputStream {
        final List<String> flushed = new ArrayList<>();
        private int mark;

        @Override
        public synchronized void flush() {
            String all = toString(StandardCharsets.UTF_8);
            flushed.add(all.substring(mark));
            mark = all.length();
        }
    }

    /** A provider whose events are all translated already (a burst), or never ({@code ready} false). */
    private static EventStream events(boolean ready, StreamEvent... events) {
        return events(() -> ready, events);
    }

    private static EventStream events(BooleanSupplier ready, StreamEvent... events) {
        Deque<StreamEvent> queue = new ArrayDeque<>(List.of(events));
        return new EventStream() {
            @Override
            public StreamEvent next() {
                return queue.poll();
            }

            @Override
            public boolean ready() {
                return ready.getAsBoolean() || queue.isEmpty();
            }

            @Override
            public void close() {
            }
        };
    }

    private static StreamEvent[] answer(String... tokens) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent.MessageStarted("msg_1", "m", Usage.of(5, 0)));
        events.add(new StreamEvent.BlockStarted(0, new BlockStart.Text()));
        for (String token : tokens) {
            events.add(new StreamEvent.BlockDelta(0, new Delta.Text(token)));
        }
        events.add(new StreamEvent.BlockStopped(0));
        events.add(new StreamEvent.MessageDelta(StopReason.END_TURN, null, Usage.of(5, tokens.length)));
        events.add(new StreamEvent.MessageStopped());
        return events.toArray(StreamEvent[]::new);
    }

    // In both cases the last event is not flushed by the pump: the stream has ended (ready() is
    // true) and the container flushes when it closes the response.

    @Test
    void a_burst_is_one_write_up_to_the_first_token_then_one_for_the_rest() {
        FlushLog out = new FlushLog();
        pump.pump(events(true, answer("one", "two", "three")), out, RequestLog.standard(false).start("req_1", "test"));

        assertEquals(1, out.flushed.size(), out.flushed.toString());
        String first = out.flushed.getFirst();
        assertTrue(first.startsWith("event: message_start\n"), "message_start rides with the first token: " + first);
        assertTrue(first.endsWith("\"text\":\"one\"}}\n\n"), "the first token is not held behind the rest: " + first);
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("data: {\"type\":\"message_stop\"}\n\n"));
    }

    @Test
    void events_that_trickle_in_are_each_flushed_at_once() {
        FlushLog out = new FlushLog();
        StreamEvent[] answer = answer("one", "two");
        pump.pump(events(false, answer), out, RequestLog.standard(false).start("req_1", "test"));

        assertEquals(answer.length - 1, out.flushed.size(), out.flushed.toString());
        assertTrue(out.flushed.getFirst().startsWith("event: message_start\n")
                && out.flushed.getFirst().endsWith("\n\n") && out.flushed.get(1).startsWith("event: content_block_start\n"),
                out.flushed.toString());
    }

    @Test
    void asks_whether_to_flush_after_writing_so_content_that_arrived_meanwhile_shares_the_write() {
        // The provider's first chunk lands while message_start is being written (in the router:
        // while the first write commits the response headers).
        AtomicBoolean arrived = new AtomicBoolean();
        FlushLog out = new FlushLog() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                arrived.set(true);
            }
        };
        pump.pump(events(arrived::get, answer("one", "two")), out, RequestLog.standard(false).start("req_1", "test"));

        String first = out.flushed.getFirst();
        assertTrue(first.startsWith("event: message_start\n") && first.endsWith("\"text\":\"one\"}}\n\n"), first);
    }
}
