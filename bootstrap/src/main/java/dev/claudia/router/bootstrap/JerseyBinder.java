package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.BoundPort;
import dev.claudia.router.adapters.http.HttpSettings;
import dev.claudia.router.adapters.http.Lifecycle;
import dev.claudia.router.adapters.http.RouterStatus;
import dev.claudia.router.adapters.http.ServiceInfo;
import dev.claudia.router.adapters.http.WriteWatchdog;
import dev.claudia.router.application.CountTokens;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.application.RouteMessage;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ModelRoutes;
import org.glassfish.jersey.inject.hk2.AbstractBinder;

import java.lang.reflect.Type;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hands the finished object graph to Jersey: HK2 only injects these instances into the HTTP
 * adapter's resources and filters; it builds nothing of ours. The graph may still be in the making
 * when Jersey is built ({@link ClaudiaServer} builds both at once): each part is looked up when
 * Jersey first creates a resource or filter that needs it, and that waits until the graph is done.
 */
final class JerseyBinder extends AbstractBinder {

    private final Supplier<Wiring.Graph> graph;

    JerseyBinder(Supplier<Wiring.Graph> graph) {
        this.graph = graph;
    }

    @Override
    protected void configure() {
        part(Wiring.Graph::routeMessage, RouteMessage.class);
        part(Wiring.Graph::countTokens, CountTokens.class);
        part(Wiring.Graph::routes, ModelRoutes.class);
        part(Wiring.Graph::requestLog, RequestLog.class);
        part(Wiring.Graph::ids, IdGenerator.class);
        part(Wiring.Graph::httpSettings, HttpSettings.class);
        part(Wiring.Graph::info, ServiceInfo.class);
        part(Wiring.Graph::status, RouterStatus.class);
        part(Wiring.Graph::lifecycle, Lifecycle.class);
        part(Wiring.Graph::watchdog, WriteWatchdog.class);
        part(Wiring.Graph::port, BoundPort.class);
    }

    private <T> void part(Function<Wiring.Graph, ? extends T> part, Class<T> type) {
        Supplier<T> lookup = () -> part.apply(graph.get());
        // to(Type): this binder's bindFactory is typed as binding the Supplier, not what it supplies.
        // No scope: every lookup returns the graph's one instance anyway.
        bindFactory(lookup).to((Type) type);
    }
}
