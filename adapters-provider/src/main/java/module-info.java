/**
 * Outbound adapter: OpenAI-compatible {@code /chat/completions} providers over the Jersey client.
 *
 * <p>Exports only the factory package ({@code OpenAiProviders}, {@code ProviderSettings},
 * {@code Tokenizers}); the OpenAI wire records, the mappers and the stream state machine stay
 * inside. The wire package is opened to Jackson alone.
 */
module dev.claudia.router.adapters.provider {
    requires transitive dev.claudia.router.domain;
    requires jakarta.ws.rs;
    requires org.glassfish.jersey.core.client;
    requires org.glassfish.jersey.core.common;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires jtokkit;

    exports dev.claudia.router.adapters.provider;
    opens dev.claudia.router.adapters.provider.openai.wire to com.fasterxml.jackson.databind;
}
