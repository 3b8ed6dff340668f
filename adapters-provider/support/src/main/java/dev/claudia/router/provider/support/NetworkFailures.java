package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Connection refused, unknown host, TLS trouble and timeouts as domain failures, worded for the
 * caller: they name the backend and its URL, never a key (nothing here sees one).
 */
public final class NetworkFailures {

    private NetworkFailures() {}

    /** {@code error} may be wrapped (Jersey's {@code ProcessingException}); the telling cause is found inside. */
    public static ProviderFailure of(Throwable error, String backend, URI baseUrl, Duration connectTimeout,
                                     Duration readTimeout) {
        Throwable cause = rootIo(error);
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException
                || cause instanceof HttpTimeoutException) {
            boolean connecting = cause instanceof HttpConnectTimeoutException
                    || cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect");
            String what = connecting ? "did not accept a connection within " + seconds(connectTimeout)
                    : "did not answer within " + seconds(readTimeout);
            return ProviderFailure.of(FailureKind.TIMEOUT, backend, "backend '" + backend + "' at " + baseUrl + " " + what);
        }
        String reason = switch (cause) {
            case ConnectException c -> "connection refused";
            case UnknownHostException u -> "unknown host " + u.getMessage();
            case NoRouteToHostException n -> "no route to host";
            case SSLException s -> "TLS error: " + s.getMessage();
            default -> cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        };
        return ProviderFailure.of(FailureKind.UNREACHABLE, backend, "could not reach backend '" + backend + "' at "
                + baseUrl + ": " + reason);
    }

    /** A stream whose connection broke after it started (or was dropped by the watchdog: {@code expired}). */
    public static ProviderFailure lostMidStream(Throwable error, String backend, boolean expired, Duration readTimeout) {
        if (expired) {
            return ProviderFailure.of(FailureKind.TIMEOUT, backend, "backend '" + backend + "' sent no event for "
                    + seconds(readTimeout) + " in the middle of a stream");
        }
        boolean timeout = error instanceof InterruptedIOException || error instanceof HttpTimeoutException;
        return ProviderFailure.of(timeout ? FailureKind.TIMEOUT : FailureKind.UNREACHABLE, backend,
                "connection to backend '" + backend + "' was lost mid-stream: " + error.getMessage());
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The most telling cause: the first well-known network error in the chain, else the deepest cause. */
    private static Throwable rootIo(Throwable error) {
        Throwable t = error;
        for (int depth = 0; depth < 10; depth++) {
            if (t instanceof SocketTimeoutException || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLException
                    || t instanceof InterruptedIOException || t instanceof HttpTimeoutException || t.getCause() == null) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }
}
