package dev.claudia.router.adapters.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Knobs of the HTTP edge.
 *
 * @param limits       what one client may ask ({@link InboundLimits})
 * @param pingInterval a stream quiet for this long gets a {@code ping} event. Short (500 ms by default)
 *                     because the ping is also how a client that left is noticed while the
 *                     provider is silent: the write fails and the provider request is cancelled
 * @param access       client keys, allowed hosts and origins ({@link Access})
 * @param redactor     the secrets to mask in everything the adapter writes
 */
public record HttpSettings(InboundLimits limits, Duration pingInterval, Access access, Redactor redactor) {

    public static final long ANTHROPIC_MAX_BODY = InboundLimits.ANTHROPIC_MAX_BODY;

    public HttpSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(redactor, "redactor");
    }

    /** Default limits but for the body size; one required token, or none when null. */
    public HttpSettings(long maxBodyBytes, Duration pingInterval, String requiredAuthToken) {
        this(InboundLimits.defaults().withMaxBodyBytes(maxBodyBytes), pingInterval,
                Access.local(requiredAuthToken == null ? ClientKeys.none() : ClientKeys.of(List.of(requiredAuthToken))),
                requiredAuthToken == null ? Redactor.none() : Redactor.of(List.of(requiredAuthToken)));
    }

    public static HttpSettings defaults() {
        return new HttpSettings(ANTHROPIC_MAX_BODY, Duration.ofMillis(500), null);
    }

    public long maxBodyBytes() {
        return limits.maxBodyBytes();
    }

    public HttpSettings withLimits(InboundLimits value) {
        return new HttpSettings(value, pingInterval, access, redactor);
    }

    public HttpSettings withAccess(Access value) {
        return new HttpSettings(limits, pingInterval, value, redactor);
    }

    public HttpSettings withRedactor(Redactor value) {
        return new HttpSettings(limits, pingInterval, access, value);
    }
    // toString is the record's: every component prints without secrets (ClientKeys and Redactor count only).
}
