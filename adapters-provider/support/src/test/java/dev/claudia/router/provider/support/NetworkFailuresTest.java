package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkFailuresTest {

    @Test
    void network_errors_name_the_backend_and_the_cause() {
        URI url = URI.create("http://127.0.0.1:9/v1");
        assertEquals(FailureKind.UNREACHABLE, NetworkFailures.of(new RuntimeException(new ConnectException()), "local", url, Duration.ofSeconds(2), Duration.ofSeconds(5)).kind());
        ProviderFailure dns = NetworkFailures.of(new UnknownHostException("nowhere.invalid"), "far", url, Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertTrue(dns.message().contains("unknown host nowhere.invalid") && dns.message().contains("'far'"), dns.message());
        assertEquals(FailureKind.TIMEOUT, NetworkFailures.of(new HttpConnectTimeoutException("connect timed out"), "b", url, Duration.ofSeconds(2),
                Duration.ofSeconds(5)).kind());
    }

    @Test
    void timeouts_name_the_backend_and_the_limit() {
        URI url = URI.create("http://127.0.0.1:9/v1");
        ProviderFailure read = NetworkFailures.of(new jakarta.ws.rs.ProcessingException(new java.net.http.HttpTimeoutException(
                "request timed out")), "slow", url, Duration.ofSeconds(3), Duration.ofSeconds(600));
        assertEquals(FailureKind.TIMEOUT, read.kind());
        assertEquals("backend 'slow' at http://127.0.0.1:9/v1 did not answer within 600 s", read.message());
        ProviderFailure connect = NetworkFailures.of(new HttpConnectTimeoutException("HTTP connect timed out"), "slow", url,
                Duration.ofMillis(1500), Duration.ofSeconds(600));
        assertEquals("backend 'slow' at http://127.0.0.1:9/v1 did not accept a connection within 1500 ms", connect.message());
    }
}
