package dev.claudia.router.application;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.routing.ModelInfo;
import dev.claudia.router.domain.routing.RoutePlan;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The routing in force: the routing table and the providers it sends to, replaced as a whole when
 * the config is reloaded. A request leases the routing in force when it starts and keeps it to its
 * end, so a request in flight finishes on the routes it started on, and a new request never sees
 * half of an edit. A replaced routing is handed to {@code retired} once its last lease is closed:
 * bootstrap then closes the providers no routing uses any more.
 */
public final class LiveRoutes implements ModelRoutes {

    /** One generation of the config: what routes where, and the providers (with their gates) behind it. */
    public record Routing(ModelRoutes routes, ProviderDirectory providers) {
        public Routing {
            Objects.requireNonNull(routes, "routes");
            Objects.requireNonNull(providers, "providers");
        }
    }

    private final Consumer<Routing> retired;
    private volatile Generation current;

    public LiveRoutes(Routing initial, Consumer<Routing> retired) {
        this.retired = retired;
        this.current = new Generation(initial);
    }

    /** A routing that is never replaced. */
    public static LiveRoutes fixed(ModelRoutes routes, ProviderDirectory providers) {
        return new LiveRoutes(new Routing(routes, providers), r -> { });
    }

    public Routing current() {
        return current.routing;
    }

    /** The routing in force now, held until the lease is closed (once; later closes do nothing). */
    public Lease lease() {
        while (true) {
            Generation g = current;
            if (g.acquire()) {
                return new Lease(g);
            }
            // replaced and drained between the read and the acquire: the next read sees its successor
        }
    }

    /** Puts {@code next} in force for every request from now on; the one it replaces retires when drained. */
    public void replace(Routing next) {
        Generation old = current;
        current = new Generation(next);
        old.release(); // the hold "in force" had on it
    }

    /** Requests holding each routing still in flight, the current one first (for /health and tests). */
    public int leases() {
        return current.users.get() - 1;
    }

    @Override
    public RoutePlan planFor(MessageRequest request, IntSupplier promptTokens) {
        return current().routes().planFor(request, promptTokens);
    }

    @Override
    public List<ModelInfo> models() {
        return current().routes().models();
    }

    /** A request's hold on one routing. */
    public final class Lease implements AutoCloseable {
        private final Generation generation;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Generation generation) {
            this.generation = generation;
        }

        public Routing routing() {
            return generation.routing;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                generation.release();
            }
        }
    }

    private final class Generation {
        private final Routing routing;
        /** Leases, plus one while in force. */
        private final AtomicInteger users = new AtomicInteger(1);

        private Generation(Routing routing) {
            this.routing = routing;
        }

        boolean acquire() {
            while (true) {
                int n = users.get();
                if (n == 0) {
                    return false;
                }
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                retired.accept(routing);
            }
        }
    }
}
