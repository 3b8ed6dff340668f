package dev.claudia.router.bootstrap.config;

import dev.claudia.router.provider.spi.ProviderFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The provider adapters installed in this router, by name: what {@code backends.<name>.adapter}
 * can select. Found with {@link ServiceLoader} on the provider SPI: in the router's module layer
 * when it runs on the module path (an adapter jar dropped there is found, with no edit here), on
 * the class path otherwise (tests; adapters then list themselves in {@code META-INF/services}).
 */
public final class Adapters {

    /** The adapter of backends that name none: OpenAI-compatible chat completions. */
    public static final String DEFAULT = "openai-chat";

    private final Map<String, ProviderFactory> byName;

    private Adapters(Map<String, ProviderFactory> byName) {
        this.byName = byName;
    }

    /** Every factory the service loader finds; two adapters of one name stop start-up. */
    public static Adapters installed() {
        Module module = Adapters.class.getModule();
        ServiceLoader<ProviderFactory> loader = module.isNamed() && module.getLayer() != null
                ? ServiceLoader.load(module.getLayer(), ProviderFactory.class)
                : ServiceLoader.load(ProviderFactory.class, Adapters.class.getClassLoader());
        return of(loader.stream().map(ServiceLoader.Provider::get).toList());
    }

    public static Adapters of(List<ProviderFactory> factories) {
        Map<String, ProviderFactory> byName = new TreeMap<>();
        for (ProviderFactory factory : factories) {
            ProviderFactory other = byName.putIfAbsent(factory.name(), factory);
            if (other != null && other.getClass() != factory.getClass()) {
                throw new IllegalStateException("two provider adapters are named '" + factory.name() + "': "
                        + other.getClass().getName() + " and " + factory.getClass().getName() + "; remove one from the "
                        + "module path");
            }
        }
        return new Adapters(byName);
    }

    public Optional<ProviderFactory> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The installed names, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }
}
