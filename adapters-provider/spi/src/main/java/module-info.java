/**
 * The provider plug-in contract. A provider adapter is a module that {@code provides
 * dev.claudia.router.provider.spi.ProviderFactory with ...}; bootstrap {@code uses} the interface and
 * finds every factory with {@link java.util.ServiceLoader}, and config.json picks one per backend by
 * name ({@code backends.<name>.adapter}).
 *
 * <p>No framework types: the signatures use the domain ({@code ChatProvider}, {@code RawJson},
 * {@code IdGenerator}, {@code TokenCounter}) and {@code java.base} only, so an adapter needs nothing
 * of the router but this module (and, if it likes, {@code dev.claudia.router.provider.support}).
 */
module dev.claudia.router.provider.spi {
    requires transitive dev.claudia.router.domain;

    exports dev.claudia.router.provider.spi;
}
