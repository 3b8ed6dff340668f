package dev.claudia.router.bootstrap;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible backend that answers every chat completion with its own name, after an
 * optional delay during which it writes whitespace (a legal JSON prefix) every 100 ms, so that it
 * notices when the router drops the connection ({@link #dropped}).
 */
final class NamedBackend implements AutoCloseable {

    final String name;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    private final HttpServer server;
    volatile long delayMs;

    NamedBackend(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                calls.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (long waited = 0; waited < delayMs; waited += 100) {
                    Thread.sleep(100);
                    out.write(' ');
                    out.flush();
                }
                out.write(("{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + name + "\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                dropped.incrementAndGet();
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
