package dev.claudia.router.adapters.http;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading (a Claude Code suspended with Ctrl-Z): a raw socket with a small
 * receive buffer that sends its request and never reads, against a provider that has plenty to say.
 * The router's write to it blocks; nothing else may notice, and after the write-stall bound that
 * stream ends and its provider stream is closed.
 */
class SlowClientTest {

    private static final String STREAM = "{\"model\":\"claude-%s\",\"max_tokens\":100,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final Duration STALL = Duration.ofMillis(3000);

    private final FakeProvider provider = new FakeProvider();
    private TestServer server = server(STALL);
    private final Endless endless = new Endless();
    private Socket stuck;

    private TestServer server(Duration stall) {
        return new TestServer(provider, new HttpSettings(InboundLimits.defaults().withWriteStallTimeout(stall),
                Duration.ofMillis(200), Access.local(ClientKeys.none()), Redactor.none()));
    }

    @AfterEach
    void stop() throws Exception {
        if (stuck != null) {
            stuck.close();
        }
        server.close();
    }

    /** A provider stream that never runs dry: 16 KB deltas as fast as they are taken. */
    private static final class Endless implements EventStream {
        final AtomicInteger taken = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        private final String chunk = "x".repeat(16 * 1024);

        @Override
        public StreamEvent next() {
            int n = taken.getAndIncrement();
            if (closed.getCount() == 0) {
                return null;
            }
            return switch (n) {
                case 0 -> new StreamEvent.MessageStarted("msg_stuck", "claude-a", Usage.ZERO);
                case 1 -> new StreamEvent.BlockStarted(0, new BlockStart.Text());
                default -> new StreamEvent.BlockDelta(0, new Delta.Text(chunk));
            };
        }

        @Override
        public boolean ready() {
            return false;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** Opens the stuck stream and waits until the router's write to it is blocked (the provider stops being read). */
    private void openStuckStream(String path, String body) throws Exception {
        stuck = new Socket();
        stuck.setReceiveBufferSize(2048);
        stuck.connect(new InetSocketAddress("127.0.0.1", server.base.getPort()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        stuck.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        stuck.getOutputStream().write(bytes);
        stuck.getOutputStream().flush();
    }

    private void awaitBlocked() throws InterruptedException {
        int last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            int now = endless.taken.get();
            if (now == last && now > 2) {
                return;
            }
            last = now;
        }
        throw new AssertionError("the router's writes to the stuck client never blocked: " + endless.taken.get());
    }

    @Test
    void a_client_that_stops_reading_does_not_stop_pings_health_or_other_streams_and_is_ended_after_the_bound()
            throws Exception {
        QueueStream quiet = new QueueStream().push(new StreamEvent.MessageStarted("msg_quiet", "claude-b", Usage.ZERO));
        QueueStream paced = new QueueStream().push(new StreamEvent.MessageStarted("msg_paced", "claude-c", Usage.ZERO),
                new StreamEvent.BlockStarted(0, new BlockStart.Text()));
        provider.stream = call -> switch (call.route().alias()) {
            case "claude-a" -> endless;
            case "claude-b" -> quiet;
            default -> paced;
        };
        openStuckStream("/v1/messages", STREAM.formatted("a"));
        awaitBlocked();
        long blockedAt = System.nanoTime();

        // A quiet stream keeps getting pings while the stuck one is blocked.
        HttpResponse<InputStream> quietResponse = server.client.send(server.request("/v1/messages")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM.formatted("b"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader quietLines = new BufferedReader(new InputStreamReader(quietResponse.body(), StandardCharsets.UTF_8));
        // Another stream keeps its pace: ten deltas 50 ms apart arrive in about half a second.
        Thread feeder = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(50);
                    paced.push(new StreamEvent.BlockDelta(0, new Delta.Text("t" + i + " ")));
                }
                paced.push(new StreamEvent.BlockStopped(0), new StreamEvent.MessageDelta(StopReason.END_TURN, null,
                        Usage.of(1, 10)), new StreamEvent.MessageStopped());
                paced.end();
            } catch (InterruptedException ignored) {
                // test over
            }
        });
        long pacedStart = System.nanoTime();
        HttpResponse<String> pacedResponse = server.post("/v1/messages", STREAM.formatted("c"));
        long pacedMillis = (System.nanoTime() - pacedStart) / 1_000_000;
        feeder.join();
        assertTrue(pacedResponse.body().contains("t9 ") && pacedResponse.body().contains("message_stop"),
                pacedResponse.body());
        assertTrue(pacedMillis < 1500, "the other stream kept its pace: " + pacedMillis + " ms for 0.5 s of deltas");

        long healthStart = System.nanoTime();
        assertEquals(200, server.get("/health").statusCode());
        assertTrue((System.nanoTime() - healthStart) / 1_000_000 < 1000, "/health answers at once");

        int pings = 0;
        for (String line; pings < 3 && (line = quietLines.readLine()) != null; ) {
            if (line.equals("event: ping")) {
                pings++;
            }
        }
        assertEquals(3, pings, "pings kept flowing to the quiet stream");
        assertEquals(1, endless.closed.getCount(), "all of the above happened while the stuck write was still blocked");

        // The stuck stream ends after the bound, and its provider stream is released.
        assertTrue(endless.closed.await(STALL.toMillis() + 3000, TimeUnit.MILLISECONDS),
                "the stuck stream's provider stream was closed");
        long endedAfter = (System.nanoTime() - blockedAt) / 1_000_000;
        assertTrue(endedAfter >= STALL.toMillis() - 1000, "not before the bound: " + endedAfter + " ms");
        quiet.close();
    }

    @Test
    void a_client_that_never_reads_a_large_answer_is_let_go_after_the_bound() throws Exception {
        server.close();
        server = server(Duration.ofMillis(800));
        String big = "y".repeat(4 * 1024 * 1024);
        provider.complete = call -> new MessageResponse(call.messageId(), "claude-a",
                List.of(new ContentBlock.Text(big)), StopReason.END_TURN, null, Usage.of(1, 1));
        openStuckStream("/v1/messages", STREAM.formatted("a").replace(",\"stream\":true", ""));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.watchdog.openResponses() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, server.watchdog.openResponses(), "the answer is being written");
        while (server.watchdog.openResponses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, server.watchdog.openResponses(), "the blocked write was ended, its thread freed");
        assertEquals(200, server.get("/health").statusCode());
    }
}
