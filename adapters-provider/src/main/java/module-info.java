/**
 * Outbound adapter: OpenAI-compatible {@code POST {baseUrl}/chat/completions} providers, over the
 * Jersey client API.
 *
 * <p>Exports only the factory package: {@code OpenAiProviders.create(settings, ids, tokens)} gives a
 * domain {@code ChatProvider} per backend, {@code Tokenizers.standard()} the domain
 * {@code TokenCounter}. The OpenAI wire records ({@code openai.wire}, opened to Jackson alone),
 * the pure mappers ({@code openai.mapping}), the stream state machine ({@code openai.stream}), the
 * tokenizer ({@code tokens}) and the HTTP transport ({@code transport}) stay inside; their
 * classes may be public for cross-package use, since only exported packages leave the module.
 *
 * <p>Transport: Jersey's client runs on a connector over the JDK's {@code java.net.http} client
 * rather than its default {@code HttpURLConnection} one, because only there does closing a stream
 * from another thread (the caller went away) end a read blocked on a silent provider at once.
 *
 * <p>{@code jtokkit} 1.1.0 has neither a module descriptor nor an {@code Automatic-Module-Name};
 * its automatic name comes from the jar's file name.
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
