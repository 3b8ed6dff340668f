package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientConfig;

import java.net.URI;
import java.time.Duration;

/**
 * One backend's HTTP side, for an adapter to compose: a Jersey client on {@link JdkHttpConnector}
 * (reads that another thread can abort), the {@link IdleWatchdog} that bounds silences by the read
 * timeout, and the translation of transport errors into {@link ProviderException}s.
 */
public final class Upstream {

    private final String backend;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Client client;
    private final IdleWatchdog watchdog;

    public Upstream(String backend, URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.backend = backend;
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.client = ClientBuilder.newBuilder()
                .withConfig(new ClientConfig().connectorProvider(new JdkHttpConnectorProvider(connectTimeout, readTimeout)))
                .build();
        this.watchdog = new IdleWatchdog(backend, readTimeout);
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

    public IdleWatchdog watchdog() {
        return watchdog;
    }

    /** {@code {baseUrl}/{path}}. */
    public WebTarget target(String path) {
        return client.target(baseUrl).path(path);
    }

    /** Posts a JSON body; a provider that cannot be reached is a {@link ProviderException}. */
    public Response post(Invocation.Builder request, byte[] json) {
        try {
            return request.post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
        } catch (ProcessingException e) {
            throw new ProviderException(networkFailure(e), e);
        }
    }

    /** A GET (a model list); a provider that cannot be reached is a {@link ProviderException}. */
    public Response get(Invocation.Builder request) {
        try {
            return request.get();
        } catch (ProcessingException e) {
            throw new ProviderException(networkFailure(e), e);
        }
    }

    /** The whole body, within the read timeout (past the headers, the HTTP client bounds nothing). */
    public byte[] readWhole(Response response) {
        try (IdleWatchdog.Deadline deadline = watchdog.start(response::close)) {
            try {
                return response.readEntity(byte[].class);
            } catch (ProcessingException | IllegalStateException e) {
                if (deadline.expired()) {
                    throw new ProviderException(ProviderFailure.of(FailureKind.TIMEOUT, backend, "backend '" + backend
                            + "' at " + baseUrl + " did not send its whole answer within " + readTimeout.toSeconds()
                            + " s"), e);
                }
                if (e instanceof ProcessingException p) {
                    throw new ProviderException(networkFailure(p), e);
                }
                throw e;
            }
        }
    }

    public ProviderFailure networkFailure(Throwable error) {
        return NetworkFailures.of(error, backend, baseUrl, connectTimeout, readTimeout);
    }
}
