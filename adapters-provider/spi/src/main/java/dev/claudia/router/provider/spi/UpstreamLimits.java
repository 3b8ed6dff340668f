package dev.claudia.router.provider.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What the router accepts from any provider (config.json {@code upstream}, docs/security.md): a
 * provider that misbehaves gets a clear error, never the router's memory or a request that lasts
 * forever. The support module's {@code Upstream} applies them; an adapter with its own HTTP client
 * should too.
 *
 * @param maxAnswerBytes    a whole (non-streamed) answer larger than this is a failure
 * @param maxErrorBodyBytes of an error answer, only this much is read (it is quoted, trimmed, to the caller)
 * @param maxSseLineBytes   one line, and one event, of an event stream may be this long
 * @param maxStreamBytes    a whole event stream may be this long (what a stream holds for the log's token
 *                          estimate grows with it)
 * @param maxStreamDuration a stream open longer than this is ended, however lively it is
 */
public record UpstreamLimits(long maxAnswerBytes, int maxErrorBodyBytes, int maxSseLineBytes, long maxStreamBytes,
                             Duration maxStreamDuration) {

    public static final UpstreamLimits DEFAULT = new UpstreamLimits(32L << 20, 64 << 10, 8 << 20, 256L << 20,
            Duration.ofHours(1));

    public UpstreamLimits {
        Objects.requireNonNull(maxStreamDuration, "maxStreamDuration");
        if (maxAnswerBytes <= 0 || maxErrorBodyBytes <= 0 || maxSseLineBytes <= 0 || maxStreamBytes <= 0
                || maxStreamDuration.isNegative() || maxStreamDuration.isZero()) {
            throw new IllegalArgumentException("upstream limits must be positive: " + this);
        }
    }
}
