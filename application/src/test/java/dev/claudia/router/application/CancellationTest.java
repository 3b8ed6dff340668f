package dev.claudia.router.application;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CancellationTest {

    @Test
    void a_wait_inside_the_window_is_interrupted_and_the_interrupt_does_not_outlive_it() throws Exception {
        Cancellation c = new Cancellation();
        Thread.ofVirtual().start(() -> {
            sleep(200);
            c.cancel(Cancellation.Reason.CLIENT_GONE);
        });
        boolean woke = c.whileWaiting(() -> {
            try {
                Thread.sleep(60_000);
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        assertTrue(woke);
        assertFalse(Thread.currentThread().isInterrupted(), "cleared when the window closed");
        assertEquals(Cancellation.Reason.CLIENT_GONE, c.reason());
    }

    @Test
    void outside_the_window_nothing_is_interrupted() {
        Cancellation c = new Cancellation();
        c.whileWaiting(() -> null);
        c.cancel(Cancellation.Reason.SHUTDOWN);
        assertFalse(Thread.currentThread().isInterrupted());
        RequestCancelledException e = assertThrows(RequestCancelledException.class, c::check);
        assertEquals(Cancellation.Reason.SHUTDOWN, e.reason());
    }

    @Test
    void entering_a_window_after_the_cancellation_is_interrupted_at_once() {
        Cancellation c = new Cancellation();
        c.cancel(Cancellation.Reason.SHUTDOWN);
        assertTrue(c.whileWaiting(() -> Thread.currentThread().isInterrupted()));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void hooks_run_once_and_late_hooks_run_at_once() {
        Cancellation c = new Cancellation();
        AtomicInteger runs = new AtomicInteger();
        c.onCancel(runs::incrementAndGet);
        c.cancel(Cancellation.Reason.CLIENT_GONE);
        c.cancel(Cancellation.Reason.SHUTDOWN);
        assertEquals(1, runs.get());
        assertEquals(Cancellation.Reason.CLIENT_GONE, c.reason(), "the first reason wins");
        c.onCancel(runs::incrementAndGet);
        assertEquals(2, runs.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
