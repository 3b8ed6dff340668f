package dev.claudia.router.adapters.http;

import com.sun.net.httpserver.HttpServer;
import dev.claudia.router.application.AttemptPolicy;
import dev.claudia.router.application.ConfiguredRoutes;
import dev.claudia.router.application.CountTokens;
import dev.claudia.router.application.ProviderDirectory;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.application.RouteMessage;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The HTTP adapter on a real JDK HTTP server, with the real use case and a scripted provider. */
final class TestServer implements AutoCloseable {

    final HttpServer server;
    final URI base;
    final HttpClient client = HttpClient.newHttpClient();
    final WriteWatchdog watchdog;
    final Lifecycle lifecycle = new Lifecycle();

    TestServer(ChatProvider provider, HttpSettings settings) {
        watchdog = new WriteWatchdog(settings.limits().writeStallTimeout());
        BoundPort port = new BoundPort();
        Route route = new Route("*", "defaultBackend", "fake", "fake-model", RetryPolicy.of(1, 0),
                RawJson.EMPTY_OBJECT, Capabilities.DEFAULT);
        Map<String, ConfiguredRoutes.Entry> table = new LinkedHashMap<>();
        for (String alias : List.of("claude-a", "claude-b", "claude-c")) {
            Route aliased = alias.equals("claude-b") // the one profile that declares its limits
                    ? new Route(alias, alias, "fake", "fake-model", RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT,
                            Capabilities.DEFAULT, new dev.claudia.router.domain.routing.ModelLimits(128_000, 16_384), RawJson.EMPTY_OBJECT)
                    : route.forAlias(alias);
            table.put(alias, new ConfiguredRoutes.Entry("modelProfiles", List.of(aliased), alias + " display"));
        }
        // An old name of claude-b: it routes like claude-b, is not listed, and GET /v1/models/{it} answers claude-b.
        ModelRoutes routes = new ConfiguredRoutes(table, Map.of("claude-3-5-sonnet-b", "claude-b"), route, List.of());
        TokenCounter tokens = new TokenCounter() {
            @Override
            public int countRequest(MessageRequest request) {
                return 7 * request.messages().size() + request.tools().size();
            }

            @Override
            public int countText(String text) {
                return text.length();
            }
        };
        IdGenerator ids = new IdGenerator() {
            private final AtomicInteger n = new AtomicInteger();

            public String messageId() {
                return "msg_test" + n.incrementAndGet();
            }

            public String toolUseId() {
                return "toolu_test" + n.incrementAndGet();
            }

            public String requestId() {
                return "req_test" + n.incrementAndGet();
            }
        };
        ProviderDirectory providers = new ProviderDirectory(Map.of("fake", provider));
        RouteMessage routeMessage = new RouteMessage(routes, providers, new AttemptPolicy(), tokens, ids);
        ServiceInfo info = new ServiceInfo("test", Instant.parse("2026-11-24T00:00:00Z"),
                List.of(new ServiceInfo.Backend("fake", "http://127.0.0.1:1/v1", "FAKE_KEY", true, "live")));
        ResourceConfig config = HttpAdapter.register(new ResourceConfig()).register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(routeMessage).to(RouteMessage.class);
                bind(new CountTokens(tokens, routes, providers)).to(CountTokens.class);
                bind(routes).to(ModelRoutes.class);
                bind(RequestLog.standard(false)).to(RequestLog.class);
                bind(ids).to(IdGenerator.class);
                bind(settings).to(HttpSettings.class);
                bind(info).to(ServiceInfo.class);
                bind(new RouterStatus(info, new RouterStatus.Config("test.json", 1, Instant.parse("2026-11-24T00:00:00Z"),
                        List.of(), List.of()), () -> 0, lifecycle)).to(RouterStatus.class);
                bind(lifecycle).to(Lifecycle.class);
                bind(watchdog).to(WriteWatchdog.class);
                bind(port).to(BoundPort.class);
            }
        });
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config, false);
        server.setExecutor(BlockingIo.executor("test-http"));
        port.set(server.getAddress().getPort());
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("x-api-key", "test-key").header("anthropic-version", "2023-06-01");
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return client.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop(0);
        watchdog.close();
        lifecycle.close();
    }
}
