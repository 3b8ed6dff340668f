package dev.claudia.router.domain.routing;

import java.util.Objects;

/**
 * What the application itself decides for a provider model, from config
 * {@code modelProfiles.*.capabilities}. How a request is worded for a provider (reasoning dialect,
 * where system text goes, stream options) is not here: that belongs to the provider's adapter, in
 * its own options ({@link Route#options()}); nor are the model's sizes: they are its
 * {@link ModelLimits} ({@link Route#limits()}).
 *
 * @param streaming whether the provider streams, answers whole, or only streams
 */
public record Capabilities(Streaming streaming) {

    public static final Capabilities DEFAULT = new Capabilities(Streaming.BOTH);

    public Capabilities {
        Objects.requireNonNull(streaming, "streaming");
    }

    /** How the provider answers. */
    public enum Streaming {
        /** Streams when asked, answers whole otherwise. */
        BOTH,
        /** Cannot stream: streaming callers get events synthesized from one whole answer. */
        NEVER,
        /** Always streams: whole-answer callers get the stream folded into one message. */
        ONLY
    }
}
