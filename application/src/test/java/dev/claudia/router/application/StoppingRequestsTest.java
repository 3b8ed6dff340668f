package dev.claudia.router.application;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests that stop early (their client left, the router shuts down) and backends at their limits:
 * no provider call after a cancellation, and a busy backend hands over to the next route.
 */
class StoppingRequestsTest {

    private static final Duration LONG_BACKOFF = Duration.ofSeconds(20);

    private final ScriptedProvider primary = new ScriptedProvider();
    private final ScriptedProvider secondary = new ScriptedProvider();
    private final RequestLog log = new RequestLog(false, System::nanoTime);

    private RouteMessage router(int attempts, boolean withFallback, Map<String, ChatProvider> providers,
                                Map<String, BackendGate> gates) {
        List<Route> chain = new ArrayList<>(List.of(route("primary", attempts)));
        if (withFallback) {
            chain.add(route("secondary", 1));
        }
        Map<String, ConfiguredRoutes.Entry> table = new LinkedHashMap<>();
        table.put("claude-test", new ConfiguredRoutes.Entry("modelProfiles", chain, "test"));
        return new RouteMessage(new ConfiguredRoutes(table, route("primary", 1)), new ProviderDirectory(providers, gates),
                new AttemptPolicy(), RouteMessageTest.tokens(), new RouteMessageTest.SequentialIds());
    }

    private RouteMessage router(int attempts, boolean withFallback) {
        return router(attempts, withFallback, Map.of("primary", primary, "secondary", secondary), Map.of());
    }

    private static Route route(String backend, int attempts) {
        return new Route("claude-test", "p-" + backend, backend, backend + "-model",
                new RetryPolicy(attempts, LONG_BACKOFF, Duration.ofSeconds(20)), RawJson.EMPTY_OBJECT, Capabilities.DEFAULT);
    }

    private static MessageRequest request(boolean stream) {
        return MessageRequest.of("claude-test", 100, List.of(Message.user("hi"))).withStream(stream);
    }

    private RequestTrace trace() {
        return log.start("req_1", "POST /v1/messages");
    }

    private static void later(long millis, Runnable action) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            action.run();
        });
    }

    @Test
    void a_client_leaving_during_a_backoff_stops_every_further_attempt() {
        primary.fails(FailureKind.SERVER_ERROR).answers("never asked");
        RequestTrace trace = trace();
        later(200, () -> trace.cancellation().cancel(Cancellation.Reason.CLIENT_GONE));
        long start = System.nanoTime();
        RequestCancelledException e = assertThrows(RequestCancelledException.class,
                () -> router(3, true).complete(request(false), trace));
        assertEquals(Cancellation.Reason.CLIENT_GONE, e.reason());
        assertTrue(System.nanoTime() - start < LONG_BACKOFF.toNanos() / 2, "the backoff was cut short");
        assertEquals(1, primary.calls.size(), "no retry");
        assertEquals(0, secondary.calls.size(), "no fallback");
        assertTrue(!Thread.currentThread().isInterrupted());
    }

    @Test
    void a_client_leaving_while_the_provider_thinks_cancels_the_provider_call() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        ChatProvider slow = new ChatProvider() {
            @Override
            public MessageResponse complete(ProviderCall call) {
                called.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.set(true); // what the HTTP client does: the upstream request is cancelled
                    throw new ProviderException(ProviderFailure.of(FailureKind.UNREACHABLE, "primary", "interrupted"));
                }
                throw new AssertionError("not cancelled");
            }

            @Override
            public EventStream stream(ProviderCall call) {
                throw new UnsupportedOperationException();
            }
        };
        RequestTrace trace = trace();
        Thread.ofVirtual().start(() -> {
            try {
                called.await();
            } catch (InterruptedException e) {
                return;
            }
            trace.cancellation().cancel(Cancellation.Reason.CLIENT_GONE);
        });
        assertThrows(RequestCancelledException.class, () -> router(3, true, Map.of("primary", slow, "secondary", secondary),
                Map.of()).complete(request(false), trace));
        assertTrue(interrupted.get());
        assertEquals(0, secondary.calls.size());
    }

    @Test
    void a_stream_whose_client_leaves_during_a_retry_opens_no_replacement() throws Exception {
        primary.streamsThenFails("lost", 1, FailureKind.SERVER_ERROR).answers("never asked");
        EventStream stream = router(3, true).stream(request(true), trace());
        assertInstanceOf(StreamEvent.MessageStarted.class, stream.next());
        later(200, stream::close); // the keep-alive's ping found the client gone
        long start = System.nanoTime();
        assertNull(stream.next(), "the stream ends, nothing more is sent");
        assertTrue(System.nanoTime() - start < LONG_BACKOFF.toNanos() / 2);
        assertEquals(1, primary.calls.size());
        assertEquals(0, secondary.calls.size());
    }

    @Test
    void a_shutdown_ends_a_stream_with_an_overloaded_error_and_closes_its_provider_stream() throws Exception {
        CountDownLatch providerClosed = new CountDownLatch(1);
        ChatProvider endless = new ChatProvider() {
            @Override
            public MessageResponse complete(ProviderCall call) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EventStream stream(ProviderCall call) {
                return new EventStream() {
                    private int sent;

                    @Override
                    public StreamEvent next() {
                        if (sent++ == 0) {
                            return new StreamEvent.MessageStarted(call.messageId(), "m", dev.claudia.router.domain.message.Usage.ZERO);
                        }
                        try {
                            providerClosed.await(); // a provider that is still thinking
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }

                    @Override
                    public void close() {
                        providerClosed.countDown();
                    }
                };
            }
        };
        RequestTrace trace = trace();
        EventStream stream = router(1, false, Map.of("primary", endless), Map.of()).stream(request(true), trace);
        assertInstanceOf(StreamEvent.MessageStarted.class, stream.next());
        later(200, () -> trace.cancellation().cancel(Cancellation.Reason.SHUTDOWN));
        StreamEvent.StreamFailed last = assertInstanceOf(StreamEvent.StreamFailed.class, stream.next());
        assertEquals(FailureKind.OVERLOADED, last.failure().kind());
        assertEquals("Claudia Router is shutting down; retry shortly", last.failure().message());
        assertTrue(providerClosed.await(5, TimeUnit.SECONDS));
        assertNull(stream.next());
    }

    @Test
    void a_busy_backend_hands_over_to_the_fallback_without_asking_its_provider() {
        BackendGate gate = new BackendGate("primary", new BackendLimits(1, 0, Duration.ofMinutes(1)));
        gate.enter(true, new Cancellation()); // someone else's request holds the only place
        secondary.answers("from the fallback");
        long start = System.nanoTime();
        MessageResponse answer = router(3, true, Map.of("primary", primary, "secondary", secondary),
                Map.of("primary", gate)).complete(request(false), trace());
        assertEquals(List.of(new ContentBlock.Text("from the fallback")), answer.content());
        assertEquals(0, primary.calls.size());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "did not queue for the minute");
    }

    @Test
    void a_busy_backend_without_a_fallback_is_a_rate_limit_error_with_retry_after() {
        BackendGate gate = new BackendGate("primary", new BackendLimits(0, 1, Duration.ZERO));
        primary.answers("first");
        RouteMessage router = router(3, false, Map.of("primary", primary), Map.of("primary", gate));
        router.complete(request(false), trace());
        ProviderException e = assertThrows(ProviderException.class, () -> router.complete(request(false), trace()));
        assertInstanceOf(BackendBusyException.class, e);
        assertEquals(FailureKind.RATE_LIMITED, e.failure().kind());
        assertTrue(e.failure().retryAfter().toSeconds() >= 1, e.failure().retryAfter().toString());
        assertEquals(1, primary.calls.size(), "not retried against the router's own limit");
    }

    @Test
    void a_provider_rate_limit_falls_back_at_once_when_there_is_a_fallback() {
        primary.fails(FailureKind.RATE_LIMITED, Duration.ofSeconds(10)).answers("never asked");
        secondary.answers("fallback");
        long start = System.nanoTime();
        MessageResponse answer = router(3, true).complete(request(false), trace());
        assertEquals(List.of(new ContentBlock.Text("fallback")), answer.content());
        assertEquals(1, primary.calls.size());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9), "did not wait out the Retry-After");
    }
}
