/**
 * What provider adapters compose: a library, not a base class. An adapter picks the pieces it needs:
 * {@code SseReader} (server-sent events framing, and the exact bytes of each event for adapters that
 * pass them on), {@code TranslatedEventStream} (a pulled stream driven by an adapter's
 * {@code SseTranslation} state machine), {@code Upstream} (a Jersey client on the JDK {@code HttpClient}
 * whose reads another thread can abort, with the {@code IdleWatchdog} that bounds silences),
 * {@code RetryAfter}, {@code StatusTable} (HTTP status to failure kind), {@code NetworkFailures},
 * {@code ToolArguments} (models' tool-call arguments as a JSON object, repaired) and
 * {@code OptionsReader} (options validation with JSON paths).
 *
 * <p>Unlike the SPI, this module's signatures show Jersey client types ({@code WebTarget},
 * {@code Response}); an adapter that uses another HTTP client simply does not use them.
 */
module dev.claudia.router.provider.support {
    requires transitive dev.claudia.router.provider.spi;
    requires transitive jakarta.ws.rs;
    requires transitive org.glassfish.jersey.core.client;
    requires org.glassfish.jersey.core.common;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports dev.claudia.router.provider.support;
}
