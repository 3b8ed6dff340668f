package dev.claudia.router.application;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whether one request should stop, and the means to stop it at once. Two things end a request early:
 * its client went away ({@link Reason#CLIENT_GONE}: nobody will read the answer, so no provider
 * should be asked any more) and the router shutting down ({@link Reason#SHUTDOWN}: the caller gets
 * an {@code overloaded_error} to retry elsewhere or later).
 *
 * <p>Stopping at once means waking the request thread where it waits: in a retry's backoff, for a
 * backend's permit, or for a provider's answer. The thread marks those stretches with
 * {@link #whileWaiting}; {@link #cancel} interrupts it only inside one (the interrupt is cleared
 * when the stretch ends, so it never leaks into what the thread does next), and runs the hooks
 * registered with {@link #onCancel} (closing a provider stream that a reader is blocked on).
 */
public final class Cancellation {

    public enum Reason {
        CLIENT_GONE("client_closed"),
        SHUTDOWN("overloaded_error");

        private final String logged;

        Reason(String logged) {
            this.logged = logged;
        }

        /** The {@code error=} of the request's log line. */
        public String logged() {
            return logged;
        }
    }

    private Reason reason;
    private Thread waiter;
    private boolean interrupted;
    private final List<Runnable> hooks = new ArrayList<>(1);

    /** Stops the request; the first reason wins. */
    public void cancel(Reason why) {
        List<Runnable> run;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            if (waiter != null) {
                interrupted = true;
                waiter.interrupt();
            }
            run = List.copyOf(hooks);
        }
        for (Runnable hook : run) {
            hook.run();
        }
    }

    public synchronized boolean cancelled() {
        return reason != null;
    }

    /** Why, or null while the request goes on. */
    public synchronized Reason reason() {
        return reason;
    }

    /** Throws {@link RequestCancelledException} once cancelled. */
    public void check() {
        Reason why = reason();
        if (why != null) {
            throw new RequestCancelledException(why);
        }
    }

    /** Runs {@code hook} on cancellation (at once if already cancelled). */
    public void onCancel(Runnable hook) {
        boolean now;
        synchronized (this) {
            now = reason != null;
            if (!now) {
                hooks.add(hook);
            }
        }
        if (now) {
            hook.run();
        }
    }

    /**
     * Runs {@code work}, during which a cancellation interrupts this thread. Nested calls are fine:
     * the outermost one owns the window.
     */
    public <T> T whileWaiting(Supplier<T> work) {
        Thread me = Thread.currentThread();
        boolean owner;
        synchronized (this) {
            owner = waiter == null;
            if (owner) {
                waiter = me;
                if (reason != null) {
                    interrupted = true;
                    me.interrupt();
                }
            }
        }
        try {
            return work.get();
        } finally {
            if (owner) {
                synchronized (this) {
                    waiter = null;
                    if (interrupted) {
                        Thread.interrupted(); // ours: it did its work, it must not reach the next write
                        interrupted = false;
                    }
                }
            }
        }
    }
}
