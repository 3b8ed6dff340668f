package dev.claudia.router.provider.support;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.message.internal.Statuses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
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
 *
 * <p>Redirects are never followed: a provider that answers 3xx would otherwise get the whole prompt,
 * and the key, re-sent to wherever it points ({@link Upstream} turns a 3xx into a clear error).
 * Requests ask for uncompressed answers; a {@code gzip} or {@code deflate} answer is decoded anyway
 * ({@link ContentEncodings}).
 */
final class JdkHttpConnector implements Connector {

    static final String NAME = "JDK HttpClient";

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Duration responseTimeout;

    JdkHttpConnector(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // The client's own async steps (completing futures, handing buffers to the response
                // stream) never block, so they run on whichever thread finishes the step. Handing
                // each to another thread cost a third of the throughput on two cores.
                .executor(Runnable::run)
                .build();
        this.responseTimeout = responseTimeout;
    }

    @Override
    public ClientResponse apply(ClientRequest request) {
        ReleasingBody body = entity(request);
        HttpRequest outbound = outbound(request, body);
        HttpResponse<InputStream> inbound;
        try {
            inbound = client.send(outbound, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProcessingException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingException("interrupted while waiting for " + request.getUri(), e);
        } finally {
            if (body != null) {
                body.release();
            }
        }
        ClientResponse response = new ClientResponse(Statuses.from(inbound.statusCode()), request);
        String encoding = inbound.headers().firstValue("content-encoding").orElse(null);
        boolean decoding = ContentEncodings.decodable(encoding);
        for (Map.Entry<String, List<String>> header : inbound.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            boolean describesEncodedBytes = name.equals("content-encoding") || name.equals("content-length");
            if (!name.startsWith(":") && !(decoding && describesEncodedBytes)) {
                header.getValue().forEach(value -> response.getHeaders().add(header.getKey(), value));
            }
        }
        response.setEntityStream(decoding ? ContentEncodings.decode(encoding, inbound.body()) : inbound.body());
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
        return NAME;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    private HttpRequest outbound(ClientRequest request, ReleasingBody body) {
        URI uri = request.getUri();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(responseTimeout)
                // h2 for TLS providers; plain-http local servers get HTTP/1.1 without an h2c upgrade attempt.
                .version("https".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .method(request.getMethod(), body == null ? HttpRequest.BodyPublishers.noBody() : body);
        request.getStringHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (request.getHeaderString("accept-encoding") == null) {
            builder.header("Accept-Encoding", "identity");
        }
        return builder.build();
    }

    /**
     * The entity's bytes. The adapters post byte arrays (JSON they built, or the caller's bytes
     * passed through, several MB for a late Claude Code request): those are sent as they are, and
     * without a round through Jersey's writers, whose lookup and interceptor chain cost more than
     * the copy they would make (no writer interceptor is registered on these clients); only the
     * content type Jersey would have settled is set. Other entities go through Jersey's writers
     * and interceptors as usual, which also settle the headers.
     */
    private static ReleasingBody entity(ClientRequest request) {
        if (!request.hasEntity()) {
            return null;
        }
        if (request.getEntity() instanceof byte[] bytes) {
            if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null && request.getMediaType() != null) {
                request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, request.getMediaType());
            }
            return new ReleasingBody(bytes);
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);
        request.setStreamProvider(contentLength -> copy);
        try {
            request.writeEntity();
        } catch (IOException e) {
            throw new ProcessingException("could not write the request body: " + e.getMessage(), e);
        }
        return new ReleasingBody(copy.toByteArray());
    }
}
