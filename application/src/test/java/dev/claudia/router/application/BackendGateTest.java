package dev.claudia.router.application;

import dev.claudia.router.domain.port.FailureKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendGateTest {

    private final Cancellation running = new Cancellation();

    @Test
    void an_unbounded_gate_lets_everything_through() {
        BackendGate gate = BackendGate.open("local");
        for (int i = 0; i < 1000; i++) {
            gate.enter(true, running); // never closed: nothing is counted
        }
    }

    @Test
    void calls_in_progress_are_bounded_and_a_closed_permit_makes_room() {
        BackendGate gate = new BackendGate("nim", new BackendLimits(2, 0, Duration.ZERO));
        BackendGate.Permit first = gate.enter(true, running);
        gate.enter(true, running);
        BackendBusyException busy = assertThrows(BackendBusyException.class, () -> gate.enter(true, running));
        assertEquals(FailureKind.RATE_LIMITED, busy.failure().kind());
        assertEquals("backend 'nim' already has 2 request(s) in progress (backends.nim.limits.maxConcurrent); retry in 1 s",
                busy.failure().message());
        assertEquals(Duration.ofSeconds(1), busy.failure().retryAfter());
        first.close();
        gate.enter(true, running);
    }

    @Test
    void a_call_without_a_fallback_queues_briefly_for_a_place() throws Exception {
        BackendGate gate = new BackendGate("nim", new BackendLimits(1, 0, Duration.ofSeconds(10)));
        BackendGate.Permit held = gate.enter(true, running);
        CompletableFuture<BackendGate.Permit> queued = CompletableFuture.supplyAsync(() -> gate.enter(true, new Cancellation()));
        Thread.sleep(200);
        assertTrue(!queued.isDone(), "it waits while the backend is busy");
        held.close();
        queued.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void a_call_with_a_fallback_does_not_wait() {
        BackendGate gate = new BackendGate("nim", new BackendLimits(1, 0, Duration.ofMinutes(5)));
        gate.enter(true, running);
        long start = System.nanoTime();
        assertThrows(BackendBusyException.class, () -> gate.enter(false, running));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "refused without waiting the 5 minutes");
    }

    @Test
    void requests_per_minute_are_counted_and_the_wait_is_the_retry_after() {
        BackendGate gate = new BackendGate("nim", new BackendLimits(0, 3, Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            gate.enter(true, running).close();
        }
        BackendBusyException busy = assertThrows(BackendBusyException.class, () -> gate.enter(true, running));
        assertTrue(busy.failure().message().startsWith("backend 'nim' is at its limit of 3 requests per minute "
                + "(backends.nim.limits.requestsPerMinute); retry in "), busy.failure().message());
        Duration after = busy.failure().retryAfter();
        assertTrue(after.compareTo(Duration.ofSeconds(1)) >= 0 && after.compareTo(Duration.ofSeconds(61)) <= 0,
                "the rest of the minute: " + after);
    }

    @Test
    void a_cancelled_request_stops_queueing_at_once() throws Exception {
        BackendGate gate = new BackendGate("nim", new BackendLimits(1, 0, Duration.ofMinutes(5)));
        gate.enter(true, running);
        Cancellation cancellation = new Cancellation();
        CompletableFuture<Throwable> queued = CompletableFuture.supplyAsync(() -> {
            try {
                gate.enter(true, cancellation);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(200);
        cancellation.cancel(Cancellation.Reason.CLIENT_GONE);
        Throwable stopped = queued.get(30, TimeUnit.SECONDS);
        assertEquals(Cancellation.Reason.CLIENT_GONE, ((RequestCancelledException) stopped).reason());
    }
}
