package dev.claudia.router.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may ask of the router (docs/configuration.md, {@code limits}).
 *
 * @param maxBodyBytes          a body above this is a 413 {@code request_too_large} (Anthropic: 32 MB)
 * @param maxBodyBytesInFlight  bodies of all requests being served may add up to this; a request that
 *                              would go beyond it is a 529 {@code overloaded_error} with {@code retry-after}.
 *                              It bounds the heap the requests take: see docs/security.md
 * @param maxConcurrentUpstream requests to providers (whole answers and open streams) at once; beyond it, 529
 * @param writeStallTimeout     a write to a client blocked this long (the client stopped reading) ends its response
 * @param maxJsonDepth          nesting depth of a request body; deeper is a 400
 * @param maxTools              tool definitions in one request; more is a 400
 * @param maxToolSchemaChars    length of one tool's {@code input_schema} as JSON text, in characters; longer is a 400
 */
public record InboundLimits(long maxBodyBytes, long maxBodyBytesInFlight, int maxConcurrentUpstream,
                            Duration writeStallTimeout, int maxJsonDepth, int maxTools, int maxToolSchemaChars) {

    public static final long ANTHROPIC_MAX_BODY = 32L * 1024 * 1024;

    public InboundLimits {
        Objects.requireNonNull(writeStallTimeout, "writeStallTimeout");
        if (maxBodyBytes <= 0 || maxBodyBytesInFlight < maxBodyBytes || maxConcurrentUpstream <= 0 || maxJsonDepth <= 0
                || maxTools <= 0 || maxToolSchemaChars <= 0 || writeStallTimeout.isNegative() || writeStallTimeout.isZero()) {
            throw new IllegalArgumentException("inconsistent limits: " + this);
        }
    }

    public static InboundLimits defaults() {
        // 32 MB in flight: with about 5x its size of heap per request in flight, 50 MB + 5 x 32 MB fits the
        // 256 MB heap of bootstrap/jvm.options (docs/security.md, "Heap").
        return new InboundLimits(ANTHROPIC_MAX_BODY, 32L * 1024 * 1024, 512, Duration.ofSeconds(30), 128, 512,
                128 * 1024);
    }

    public InboundLimits withMaxBodyBytes(long bytes) {
        return new InboundLimits(bytes, Math.max(bytes, maxBodyBytesInFlight), maxConcurrentUpstream, writeStallTimeout,
                maxJsonDepth, maxTools, maxToolSchemaChars);
    }

    public InboundLimits withWriteStallTimeout(Duration value) {
        return new InboundLimits(maxBodyBytes, maxBodyBytesInFlight, maxConcurrentUpstream, value, maxJsonDepth,
                maxTools, maxToolSchemaChars);
    }
}
