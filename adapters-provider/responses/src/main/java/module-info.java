/**
 * Provider adapter {@code "openai-responses"}: OpenAI's Responses API, {@code POST {baseUrl}/responses}
 * (OpenAI's newest models, and the growing set of servers that implement the same endpoint), over
 * the Jersey client API.
 *
 * <p>Exports nothing: bootstrap finds {@code OpenAiResponsesFactory} through the provider SPI. The
 * wire records ({@code responses.wire}, opened to Jackson alone), the pure mappers
 * ({@code responses.mapping}) and the semantic-event state machine ({@code responses.stream}) stay
 * inside; transport, SSE framing, the pulled stream, tool-argument repair and the status table come
 * from the support module.
 */
module dev.claudia.router.adapters.provider.responses {
    requires dev.claudia.router.provider.support;
    requires com.fasterxml.jackson.databind;

    provides dev.claudia.router.provider.spi.ProviderFactory
            with dev.claudia.router.adapters.provider.responses.OpenAiResponsesFactory;

    opens dev.claudia.router.adapters.provider.responses.wire to com.fasterxml.jackson.databind;
}
