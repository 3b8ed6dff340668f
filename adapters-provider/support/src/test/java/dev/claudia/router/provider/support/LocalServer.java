package dev.claudia.router.provider.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A provider on 127.0.0.1 whose answer each test writes; it records what it received. */
final class LocalServer implements AutoCloseable {

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    record Received(String path, Map<String, List<String>> headers, int bodyLength) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    volatile Handler handler;

    LocalServer(Handler handler) throws IOException {
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                int length = exchange.getRequestBody().readAllBytes().length;
                received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        length));
                this.handler.handle(exchange);
            } catch (IOException ignored) {
                // the client left
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
