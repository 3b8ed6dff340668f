package dev.claudia.router.provider.support;

import jakarta.ws.rs.ProcessingException;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.message.internal.Statuses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A Jersey client connector on the JDK's {@link HttpClient} (Jersey 3.1 ships one as
 * {@code jersey-jnh-connector}; Jersey 4 does not yet). The adapter keeps Jersey's client API; the
 * transport underneath changes for one reason that matters to users: a response stream can be
 * closed from another thread while a read is blocked on a silent provider, and that read ends at
 * once. With Jersey's default {@code HttpURLConnection} connector the JDK's chunked stream makes
 * {@code close()} and {@code disconnect()} wait for the blocked read, so a client that went away
 * kept its provider request running until the model's next token. It also speaks HTTP/2 to HTTPS
 * providers and pools connections without the 5-per-host limit of {@code HttpURLConnection}.
 */
final class JdkHttpConnector implements Connector {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Duration responseTimeout;

    JdkHttpConnector(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                // The client's own async steps (completing futures, handing buffers to the response
                // stream) never block, so they run on whichever thread finishes the step. Handing
                // each to another thread cost a third of the throughput on two cores.
                .executor(Runnable::run)
                .build();
        this.responseTimeout = responseTimeout;
    }

    @Override
    public ClientResponse apply(ClientRequest request) {
        HttpRequest outbound = outbound(request);
        HttpResponse<InputStream> inbound;
        try {
            inbound = client.send(outbound, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProcessingException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingException("interrupted while waiting for " + request.getUri(), e);
        }
        ClientResponse response = new ClientResponse(Statuses.from(inbound.statusCode()), request);
        for (Map.Entry<String, List<String>> header : inbound.headers().map().entrySet()) {
            if (!header.getKey().startsWith(":")) {
                header.getValue().forEach(value -> response.getHeaders().add(header.getKey(), value));
            }
        }
        response.setEntityStream(inbound.body());
        return response;
    }

    @Override
    public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
        // Unused by this adapter (it calls synchronously); one virtual thread per call if Jersey asks.
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("jersey-async").start(() -> {
            try {
                callback.response(apply(request));
                done.complete(null);
            } catch (Throwable t) {
                callback.failure(t);
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    @Override
    public String getName() {
        return "JDK HttpClient";
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    private HttpRequest outbound(ClientRequest request) {
        byte[] body = entity(request);
        URI uri = request.getUri();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(responseTimeout)
                // h2 for TLS providers; plain-http local servers get HTTP/1.1 without an h2c upgrade attempt.
                .version("https".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .method(request.getMethod(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        request.getStringHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    /** Runs Jersey's writers and interceptors to get the entity's bytes (bodies here are small JSON). */
    private static byte[] entity(ClientRequest request) {
        if (!request.hasEntity()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        request.setStreamProvider(contentLength -> bytes);
        try {
            request.writeEntity();
        } catch (IOException e) {
            throw new ProcessingException("could not write the request body: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
