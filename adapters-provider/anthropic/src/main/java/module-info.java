/**
 * Provider adapter {@code "anthropic"}: endpoints that already speak the Messages API (Anthropic's
 * own, and the Anthropic-format endpoints of OpenRouter, DeepSeek, Moonshot, Z.ai, MiniMax...).
 * Nothing is translated: the caller's request goes up with the model renamed and the backend's
 * key, and answers, events and errors come back as the provider sent them.
 *
 * <p>Exports nothing; bootstrap finds {@code AnthropicFactory} through the provider SPI.
 */
module dev.claudia.router.adapters.provider.anthropic {
    requires dev.claudia.router.provider.support;
    requires com.fasterxml.jackson.databind;

    provides dev.claudia.router.provider.spi.ProviderFactory
            with dev.claudia.router.adapters.provider.anthropic.AnthropicFactory;
}
