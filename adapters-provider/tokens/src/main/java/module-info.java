/**
 * The router's token counter: the domain {@code TokenCounter} on jtokkit's BPE, for
 * {@code count_tokens}, for routing rules on prompt size, and for usage a provider did not report.
 * Bootstrap creates the one instance ({@code Tokenizers.standard()}) and lends it to adapters
 * through the provider SPI's services.
 *
 * <p>{@code jtokkit} 1.1.0 has neither a module descriptor nor an {@code Automatic-Module-Name};
 * its automatic name comes from the jar's file name.
 */
module dev.claudia.router.adapters.provider.tokens {
    requires transitive dev.claudia.router.domain;
    requires jtokkit;

    exports dev.claudia.router.adapters.provider.tokens;
}
