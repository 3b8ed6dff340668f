package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.bootstrap.Logs;
import sun.misc.Signal;

import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What SIGTERM and Ctrl-C do to {@code claudia start}: a graceful stop on a thread of its own (the
 * JVM is not shutting down meanwhile, so the requests in flight can finish and the exit code is 0,
 * where a shutdown hook would leave 143), and, if the signal comes again while stopping, an
 * immediate exit. Where a signal cannot be caught (a JVM started with {@code -Xrs}), the shutdown
 * hook of {@link StartCommand} still closes the router.
 */
final class GracefulStop {

    private static final System.Logger LOG = System.getLogger("claudia");

    private final ClaudiaServer server;
    private final CountDownLatch stopped;
    private final AtomicBoolean begun = new AtomicBoolean();

    GracefulStop(ClaudiaServer server, CountDownLatch stopped) {
        this.server = server;
        this.stopped = stopped;
    }

    void onSignals(String... names) {
        for (String name : names) {
            try {
                Signal.handle(new Signal(name), this::received);
            } catch (IllegalArgumentException cannot) {
                LOG.log(Level.DEBUG, "SIG" + name + " cannot be handled here: " + cannot.getMessage());
            }
        }
    }

    /** True for the first caller only: whoever begins the stop owns it. */
    boolean begin() {
        return begun.compareAndSet(false, true);
    }

    private void received(Signal signal) {
        if (!begin()) {
            LOG.log(Level.WARNING, "SIG" + signal.getName() + " again while stopping: exiting now");
            Logs.flush();
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        Thread.ofPlatform().name("claudia-graceful-stop").start(() -> {
            try {
                server.stop(server.shutdownGrace());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "graceful stop failed; stopping at once", e);
                server.close();
            } finally {
                stopped.countDown();
            }
        });
    }
}
