package dev.claudia.router.systemtests.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client that hands every answer it reads (status, headers and the body bytes as they
 * arrive, whatever body handler the test uses: strings, lines, streams) to the {@link Recorder}
 * when the body ends or fails. The tests' clients of the routers are these, so the secret scan
 * sees streamed answers too. A body is kept up to 4 MiB (the rest is counted, not kept).
 */
public final class RecordingClient extends HttpClient {

    private static final int KEPT = 4 << 20;
    private final HttpClient client;

    private RecordingClient(HttpClient client) {
        this.client = client;
    }

    public static HttpClient of(HttpClient client) {
        return new RecordingClient(client);
    }

    public static HttpClient newHttpClient() {
        return of(HttpClient.newHttpClient());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request, recording(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client.sendAsync(request, recording(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return client.sendAsync(request, recording(request, handler), push);
    }

    private static <T> HttpResponse.BodyHandler<T> recording(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return info -> new Tee<>(handler.apply(info), request.method() + " " + request.uri(),
                info.version() + " " + info.statusCode(), info.headers());
    }

    /** Passes everything on to the test's subscriber and keeps a copy of the bytes. */
    private static final class Tee<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> delegate;
        private final String request;
        private final String status;
        private final HttpHeaders headers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private long dropped;

        Tee(HttpResponse.BodySubscriber<T> delegate, String request, String status, HttpHeaders headers) {
            this.delegate = delegate;
            this.request = request;
            this.status = status;
            this.headers = headers;
        }

        @Override
        public CompletionStage<T> getBody() {
            return delegate.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            synchronized (body) {
                for (ByteBuffer item : items) {
                    ByteBuffer copy = item.duplicate();
                    int keep = Math.min(copy.remaining(), KEPT - body.size());
                    byte[] bytes = new byte[keep];
                    copy.get(bytes);
                    body.write(bytes, 0, keep);
                    dropped += copy.remaining();
                }
            }
            delegate.onNext(items);
        }

        @Override
        public void onError(Throwable error) {
            record(" (ended by " + error + ")");
            delegate.onError(error);
        }

        @Override
        public void onComplete() {
            record("");
            delegate.onComplete();
        }

        private void record(String end) {
            StringBuilder text = new StringBuilder(status).append('\n');
            headers.map().forEach((name, values) -> values.forEach(v -> text.append(name).append(": ").append(v).append('\n')));
            synchronized (body) {
                text.append('\n').append(body.toString(StandardCharsets.UTF_8));
                if (dropped > 0) {
                    text.append("\n(").append(dropped).append(" more bytes not kept)");
                }
            }
            Recorder.response(request + end, text.toString());
        }
    }

    // --- the rest is the wrapped client's -------------------------------------------------------

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client.authenticator();
    }

    @Override
    public Version version() {
        return client.version();
    }

    @Override
    public Optional<Executor> executor() {
        return client.executor();
    }
}
