package dev.claudia.router.provider.spi;

import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.TokenCounter;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the router lends every adapter, so that no adapter reaches into bootstrap: one instance of
 * each, shared by all backends.
 *
 * @param ids            message and tool-call ids ({@code msg_...}, {@code toolu_...})
 * @param tokens         the router's token counter, for usage a provider does not report
 * @param clock          for {@code Retry-After} dates and anything else that reads the time
 * @param connectTimeout how long to wait for a connection to the provider
 * @param readTimeout    how long the provider may stay silent (a stream: send no event), whole answers and
 *                       streams alike ({@code CLAUDIA_READ_TIMEOUT_MS})
 * @param limits         sizes and durations the router accepts from providers (config.json {@code upstream})
 */
public record ProviderServices(IdGenerator ids, TokenCounter tokens, Clock clock, Duration connectTimeout,
                               Duration readTimeout, UpstreamLimits limits) {
    public ProviderServices {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(limits, "limits");
    }

    /** With the default {@link UpstreamLimits}. */
    public ProviderServices(IdGenerator ids, TokenCounter tokens, Clock clock, Duration connectTimeout,
                            Duration readTimeout) {
        this(ids, tokens, clock, connectTimeout, readTimeout, UpstreamLimits.DEFAULT);
    }
}
