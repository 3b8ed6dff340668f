package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.spi.UpstreamLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event streams under the watchdog and the size bounds: what counts as life, and what is too much. */
class WatchedStreamTest {

    private IdleWatchdog watchdog;

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static UpstreamLimits limits(int line, long stream) {
        return new UpstreamLimits(1 << 20, 1024, line, stream, Duration.ofHours(1));
    }

    private WatchedBody body(InputStream in, UpstreamLimits limits) {
        watchdog = new IdleWatchdog("nim", Duration.ofSeconds(30), limits.maxStreamDuration());
        return new WatchedBody(in, () -> { }, watchdog, "nim", limits);
    }

    @Test
    void a_giant_line_is_refused_at_the_bound_not_read_to_its_end() {
        WatchedBody body = body(text("data: " + "x".repeat(10_000) + "\n\n"), limits(1000, 1 << 20));
        IOException e = assertThrows(IOException.class, () -> body.events().next());
        ProviderFailure failure = body.lost(e);
        assertEquals(FailureKind.MALFORMED_RESPONSE, failure.kind());
        assertEquals("backend 'nim' sent a line longer than 1000 bytes in its event stream (upstream.maxSseLineBytes); "
                + "the stream was cut off", failure.message());
    }

    @Test
    void an_event_of_many_short_data_lines_is_bounded_too() {
        WatchedBody body = body(text("data: 0123456789\n".repeat(200) + "\n"), limits(1000, 1 << 20));
        IOException e = assertThrows(IOException.class, () -> body.events().next());
        assertTrue(body.lost(e).message().contains("an event longer than 1000 bytes"), body.lost(e).message());
    }

    @Test
    void a_pass_through_reader_bounds_comments_piling_up_before_an_event() {
        WatchedBody body = body(text(": keep-alive\n\n".repeat(200) + "data: x\n\n"), limits(1000, 1 << 20));
        IOException e = assertThrows(IOException.class, () -> body.eventsKeepingBytes().next());
        assertTrue(e.getMessage().contains("longer than 1000 bytes"), e.getMessage());
    }

    @Test
    void events_within_the_bounds_pass() throws IOException {
        WatchedBody body = body(text("data: " + "x".repeat(900) + "\n\n"), limits(1000, 1 << 20));
        assertEquals(900, body.events().next().data().length());
    }

    @Test
    void a_whole_stream_is_bounded() throws IOException {
        WatchedBody body = body(text("data: 0123456789\n\n".repeat(1000)), limits(1000, 5000));
        SseReader reader = body.events();
        IOException e = assertThrows(IOException.class, () -> {
            while (reader.next() != null) {
                // reading on
            }
        });
        assertEquals("backend 'nim' sent a stream longer than 5000 bytes (upstream.maxStreamBytes); the stream was "
                + "cut off", body.lost(e).message());
    }

    /** A provider that sends {@code first}, then {@code frame} every {@code everyMs}, for up to 20 s. */
    private static LocalServer provider(String frame, long everyMs) throws IOException {
        return new LocalServer(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            out.write("data: first\n\n".getBytes());
            out.flush();
            for (long waited = 0; waited < 20_000; waited += everyMs) {
                Thread.sleep(everyMs);
                out.write(frame.getBytes());
                out.flush();
            }
        });
    }

    private static ProviderFailure endOf(LocalServer server, Duration readTimeout, Duration total, int[] events)
            throws IOException {
        UpstreamLimits limits = new UpstreamLimits(1 << 20, 1024, 1 << 16, 1 << 24, total);
        try (Upstream upstream = new Upstream("nim", server.baseUrl(), Duration.ofSeconds(2), readTimeout, limits);
             var response = upstream.post(upstream.target("chat/completions").request(), "{}".getBytes())) {
            WatchedBody body = upstream.watch(response);
            SseReader reader = body.events();
            try {
                while (reader.next() != null) {
                    events[0]++;
                }
            } catch (IOException e) {
                return body.lost(e);
            }
            throw new AssertionError("the stream was not ended: " + events[0] + " events");
        }
    }

    @Test
    void comments_alone_do_not_keep_a_stream_alive() throws Exception {
        try (LocalServer server = provider(": OPENROUTER PROCESSING\n\n", 100)) {
            int[] events = {0};
            long start = System.nanoTime();
            ProviderFailure failure = endOf(server, Duration.ofMillis(1500), Duration.ofHours(1), events);
            assertEquals(1, events[0]);
            assertEquals(FailureKind.TIMEOUT, failure.kind());
            assertEquals("backend 'nim' sent no event for 1500 ms in the middle of a stream", failure.message());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "ended long before the provider stopped");
        }
    }

    @Test
    void a_lively_stream_is_still_ended_at_its_total_bound() throws Exception {
        try (LocalServer server = provider("data: tick\n\n", 20)) {
            int[] events = {0};
            ProviderFailure failure = endOf(server, Duration.ofSeconds(30), Duration.ofMillis(800), events);
            assertTrue(events[0] > 5, "it was lively: " + events[0] + " events");
            assertEquals(FailureKind.TIMEOUT, failure.kind());
            assertEquals("backend 'nim' kept its stream open for more than 800 ms (upstream.maxStreamSeconds); it was "
                    + "ended", failure.message());
        }
    }
}
