package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.provider.spi.UpstreamLimits;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.JerseyClient;
import org.glassfish.jersey.internal.Version;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;

/**
 * One backend's HTTP side, for an adapter to compose: a Jersey client on {@link JdkHttpConnector}
 * (reads that another thread can abort), the {@link IdleWatchdog} that bounds silences by the read
 * timeout and streams by their total time, and the translation of transport errors into
 * {@link ProviderException}s. It also holds every provider to the {@link UpstreamLimits}: a redirect
 * is an error naming the backend (never followed: the prompt would go elsewhere), a compressed
 * answer it cannot decode is refused, whole answers and error bodies are read up to a bound, and
 * event streams get bounded lines ({@link #watch}). {@link #close()} releases the client and the
 * watchdog's thread.
 */
public final class Upstream implements AutoCloseable {

    /**
     * The {@code User-Agent} Jersey would add to every request ({@code Jersey/<version> (<connector>)}),
     * given up front: Jersey formats it with {@code String.format} on each request that lacks one.
     */
    static final String USER_AGENT = "Jersey/" + Version.getVersion() + " (" + JdkHttpConnector.NAME + ")";

    private final String backend;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final UpstreamLimits limits;
    private final Client client;
    private final IdleWatchdog watchdog;

    /** With the default {@link UpstreamLimits}. */
    public Upstream(String backend, URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this(backend, baseUrl, connectTimeout, readTimeout, UpstreamLimits.DEFAULT);
    }

    /** With the timeouts and limits the router lends every adapter. */
    public Upstream(String backend, URI baseUrl, ProviderServices services) {
        this(backend, baseUrl, services.connectTimeout(), services.readTimeout(), services.limits());
    }

    public Upstream(String backend, URI baseUrl, Duration connectTimeout, Duration readTimeout, UpstreamLimits limits) {
        this.backend = backend;
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.limits = limits;
        this.client = ClientBuilder.newBuilder()
                .withConfig(new ClientConfig().connectorProvider(new JdkHttpConnectorProvider(connectTimeout, readTimeout)))
                .build();
        this.watchdog = new IdleWatchdog(backend, readTimeout, limits.maxStreamDuration());
    }

    public String backend() {
        return backend;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public UpstreamLimits limits() {
        return limits;
    }

    public IdleWatchdog watchdog() {
        return watchdog;
    }

    /**
     * Builds the client's runtime now (its injection locator, providers, the connector and its JDK
     * HttpClient): Jersey does it on the first request otherwise, and that costs a cold start a few
     * hundred milliseconds. Sends nothing.
     */
    public void warmUp() {
        if (client instanceof JerseyClient jersey) {
            jersey.preInitialize();
        }
    }

    /** {@code {baseUrl}/{path}}. */
    public WebTarget target(String path) {
        return client.target(baseUrl).path(path);
    }

    /**
     * Posts a JSON body. A provider that cannot be reached, that answers with a redirect, or whose
     * answer is compressed in a way the router cannot read is a {@link ProviderException}.
     */
    public Response post(Invocation.Builder request, byte[] json) {
        Response response;
        try {
            response = request.header(HttpHeaders.USER_AGENT, USER_AGENT)
                    .post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
        } catch (ProcessingException e) {
            throw new ProviderException(networkFailure(e), e);
        }
        try {
            refuseRedirect(response);
            refuseEncoding(response);
            return response;
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** A GET (a model list): refused and failing like {@link #post}. */
    public Response get(Invocation.Builder request) {
        Response response;
        try {
            response = request.header(HttpHeaders.USER_AGENT, USER_AGENT).get();
        } catch (ProcessingException e) {
            throw new ProviderException(networkFailure(e), e);
        }
        try {
            refuseRedirect(response);
            refuseEncoding(response);
            return response;
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    private void refuseRedirect(Response response) {
        int status = response.getStatus();
        if (status >= 300 && status < 400) {
            String location = response.getHeaderString("Location");
            throw new ProviderException(new ProviderFailure(FailureKind.MALFORMED_RESPONSE, "backend '" + backend
                    + "' at " + baseUrl + " answered with a redirect (HTTP " + status
                    + (location == null ? "" : " to " + shown(location)) + "); the router never follows provider "
                    + "redirects (the prompt and the key would go elsewhere): set backends." + backend
                    + ".baseUrl to the address that answers", backend, status, null));
        }
    }

    /**
     * A stream request answered with an HTML page (a captive portal, a proxy's login page) is not an
     * answer and has nothing to parse: a {@link ProviderException} naming the backend.
     */
    public void refuseHtmlStream(Response response) {
        if (MediaType.TEXT_HTML_TYPE.isCompatible(response.getMediaType())) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend,
                    "backend '" + backend + "' answered a stream request with an HTML page instead of an event stream"));
        }
    }

    private void refuseEncoding(Response response) {
        String encoding = response.getHeaderString("Content-Encoding");
        if (!ContentEncodings.identity(encoding)) {
            throw new ProviderException(new ProviderFailure(FailureKind.MALFORMED_RESPONSE, "backend '" + backend
                    + "' sent a compressed answer (content-encoding: " + encoding + ") although the router asked for "
                    + "none; it reads gzip and deflate only", backend, response.getStatus(), null));
        }
    }

    /** A redirect target without credentials or query: scheme, host, port and path. */
    private static String shown(String location) {
        try {
            URI uri = URI.create(location.strip());
            String host = uri.getHost() == null ? "" : uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String shown = host + path;
            return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
        } catch (IllegalArgumentException e) {
            return "an invalid location";
        }
    }

    /**
     * The whole body: within the read timeout (past the headers, the HTTP client bounds nothing),
     * and up to {@code maxAnswerBytes}.
     */
    public byte[] readWhole(Response response) {
        try {
            return read(response, limits.maxAnswerBytes(), true);
        } catch (TooLargeException e) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '"
                    + backend + "' sent " + e.getMessage() + " (upstream.maxAnswerBytes); it was cut off"), e);
        }
    }

    /**
     * The start of an error answer, at most {@code maxErrorBodyBytes}: enough to quote it. The rest
     * is not read (the connection is dropped), so a provider answering an error with megabytes costs
     * nothing. Never fails on size.
     */
    public byte[] readError(Response response) {
        try {
            return read(response, limits.maxErrorBodyBytes(), false);
        } catch (TooLargeException e) {
            throw new IllegalStateException("cannot happen: error bodies are cut, not refused", e);
        }
    }

    /** {@link #readWhole} for a success, {@link #readError} for an error status. */
    public byte[] readBody(Response response) {
        return response.getStatus() >= 300 ? readError(response) : readWhole(response);
    }

    /** A streaming body under the watchdog, bounded by {@code maxStreamBytes}, whose event readers are bounded by {@code maxSseLineBytes}. */
    public WatchedBody watch(Response response) {
        return new WatchedBody(response.readEntity(InputStream.class), response::close, watchdog, backend, limits);
    }

    private byte[] read(Response response, long max, boolean refuseLonger) throws TooLargeException {
        try (IdleWatchdog.Deadline deadline = watchdog.start(response::close)) {
            try (InputStream in = response.readEntity(InputStream.class)) {
                return bounded(in, max, refuseLonger);
            } catch (TooLargeException e) {
                response.close();
                throw e;
            } catch (IOException | ProcessingException | IllegalStateException e) {
                if (deadline.expired()) {
                    throw new ProviderException(ProviderFailure.of(FailureKind.TIMEOUT, backend, "backend '" + backend
                            + "' at " + baseUrl + " did not send its whole answer within " + readTimeout.toSeconds()
                            + " s"), e);
                }
                // The headers came: the provider was reached, and then broke off (or was cut off).
                Throwable cause = e.getCause() != null && e instanceof ProcessingException ? e.getCause() : e;
                throw new ProviderException(ProviderFailure.of(FailureKind.UNREACHABLE, backend, "backend '" + backend
                        + "' at " + baseUrl + " broke off its answer: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())), e);
            }
        }
    }

    /** Up to {@code max} bytes; past it, the stream is abandoned: refused, or cut. */
    static byte[] bounded(InputStream in, long max, boolean refuseLonger) throws IOException {
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 8L);
        byte[] buffer = new byte[(int) Math.min(cap, 16 * 1024)];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (size >= cap) {
                    int probe = in.read();
                    if (probe < 0) {
                        return buffer;
                    }
                    if (refuseLonger) {
                        throw new TooLargeException("an answer", max);
                    }
                    return buffer;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(cap, (long) buffer.length * 2));
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
            }
            size += n;
        }
    }

    public ProviderFailure networkFailure(Throwable error) {
        return NetworkFailures.of(error, backend, baseUrl, connectTimeout, readTimeout);
    }

    @Override
    public void close() {
        watchdog.close();
        client.close();
    }
}
