/**
 * Inbound adapter: the Anthropic Messages API over HTTP, on Jersey.
 *
 * <p>Exports only the package bootstrap needs (resources, settings and the {@code HttpAdapter}
 * registration entry point). The Anthropic wire records stay in {@code .wire}, opened to Jackson
 * alone, so no other module can depend on them; request parsing and response writing live in
 * {@code .mapping}; server-sent events in {@code .sse}.
 */
module dev.claudia.router.adapters.http {
    requires transitive dev.claudia.router.application;
    requires transitive jakarta.ws.rs;
    requires jakarta.inject;
    requires jakarta.annotation;
    requires transitive org.glassfish.jersey.core.server;
    requires org.glassfish.jersey.core.common;
    requires org.glassfish.jersey.media.json.jackson;
    requires com.fasterxml.jackson.databind;

    exports dev.claudia.router.adapters.http;
    opens dev.claudia.router.adapters.http.wire to com.fasterxml.jackson.databind;
}
