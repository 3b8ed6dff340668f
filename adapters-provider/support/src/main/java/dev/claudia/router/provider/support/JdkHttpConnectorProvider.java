package dev.claudia.router.provider.support;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;

import java.time.Duration;

/**
 * Plugs {@link JdkHttpConnector} into a Jersey client.
 *
 * @param connectTimeout  how long to wait for a TCP/TLS connection
 * @param responseTimeout how long to wait for the response headers (a whole answer, when not streaming)
 */
public record JdkHttpConnectorProvider(Duration connectTimeout, Duration responseTimeout) implements ConnectorProvider {

    @Override
    public Connector getConnector(Client client, Configuration runtimeConfig) {
        return new JdkHttpConnector(connectTimeout, responseTimeout);
    }
}
