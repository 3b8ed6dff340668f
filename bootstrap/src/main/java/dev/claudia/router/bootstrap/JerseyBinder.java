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

/**
 * Hands the finished object graph to Jersey: HK2 only injects these instances into the HTTP
 * adapter's resources and filters; it builds nothing of ours.
 */
final class JerseyBinder extends AbstractBinder {

    private final Wiring.Graph graph;

    JerseyBinder(Wiring.Graph graph) {
        this.graph = graph;
    }

    @Override
    protected void configure() {
        bind(graph.routeMessage()).to(RouteMessage.class);
        bind(graph.countTokens()).to(CountTokens.class);
        bind(graph.routes()).to(ModelRoutes.class);
        bind(graph.requestLog()).to(RequestLog.class);
        bind(graph.ids()).to(IdGenerator.class);
        bind(graph.httpSettings()).to(HttpSettings.class);
        bind(graph.info()).to(ServiceInfo.class);
        bind(graph.status()).to(RouterStatus.class);
        bind(graph.lifecycle()).to(Lifecycle.class);
        bind(graph.watchdog()).to(WriteWatchdog.class);
        bind(graph.port()).to(BoundPort.class);
    }
}
