package dev.claudia.router.bootstrap.config;

import dev.claudia.router.provider.spi.ProviderFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The provider adapters installed in this router, by name: what {@code backends.<name>.adapter}
 * can select. Found with {@link ServiceLoader} on the provider SPI: in the router's module layer
 * when it runs on the module path (an adapter jar dropped there is found, with no edit here), and
 * in the layer of the adapters folders over it ({@link AdapterLayer}: {@code CLAUDIA_ADAPTERS}, else
 * {@code ~/.claudia/adapters}); on the class path otherwise (tests; adapters then list themselves in
 * {@code META-INF/services}).
 */
public final class Adapters {

    /** The adapter of backends that name none: OpenAI-compatible chat completions. */
    public static final String DEFAULT = "openai-chat";

    private final Map<String, ProviderFactory> byName;
    private final List<Path> folders;

    private Adapters(Map<String, ProviderFactory> byName, List<Path> folders) {
        this.byName = byName;
        this.folders = List.copyOf(folders);
    }

    /** The factories of the router's own module layer (or class path). */
    public static Adapters installed() {
        return installed(List.of(), warning -> { });
    }

    /**
     * The factories of the router's module layer and of the jars in {@code folders}; throws
     * IllegalStateException, naming the jar or the folder, when an adapter cannot be loaded.
     */
    public static Adapters installed(List<Path> folders, Consumer<String> warnings) {
        Module module = Adapters.class.getModule();
        if (!module.isNamed() || module.getLayer() == null) {
            if (!folders.isEmpty()) {
                warnings.accept("adapters folders are read when the router runs on the module path (as ./claudia runs it); "
                        + "ignored here: " + folders);
            }
            return of(load(ServiceLoader.load(ProviderFactory.class, Adapters.class.getClassLoader())), List.of());
        }
        Optional<ModuleLayer> added = AdapterLayer.load(folders, module.getLayer(), warnings);
        return of(load(ServiceLoader.load(added.orElse(module.getLayer()), ProviderFactory.class)),
                added.isPresent() ? folders : List.of());
    }

    /**
     * Where adapter jars are installed: the folders of {@code CLAUDIA_ADAPTERS} (separated like a
     * path, each must exist), else {@code ~/.claudia/adapters} when there is one.
     */
    public static List<Path> folders(Environment env, Path home) {
        Optional<String> named = env.get("CLAUDIA_ADAPTERS");
        if (named.isEmpty()) {
            Path standard = home.resolve(".claudia").resolve("adapters");
            return Files.isDirectory(standard) ? List.of(standard) : List.of();
        }
        List<Path> folders = new ArrayList<>();
        for (String entry : named.get().split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path folder = Path.of(entry.strip());
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("CLAUDIA_ADAPTERS names " + folder + ", which is not a folder");
            }
            folders.add(folder);
        }
        return folders;
    }

    private static List<ProviderFactory> load(ServiceLoader<ProviderFactory> loader) {
        try {
            return loader.stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("a provider adapter could not be loaded: " + e.getMessage()
                    + (cause == null ? "" : " (" + cause + ")"), e);
        }
    }

    public static Adapters of(List<ProviderFactory> factories) {
        return of(factories, List.of());
    }

    private static Adapters of(List<ProviderFactory> factories, List<Path> folders) {
        Map<String, ProviderFactory> byName = new TreeMap<>();
        for (ProviderFactory factory : factories) {
            ProviderFactory other = byName.putIfAbsent(factory.name(), factory);
            if (other != null && other.getClass() != factory.getClass()) {
                throw new IllegalStateException("two provider adapters are named '" + factory.name() + "': "
                        + other.getClass().getName() + " and " + factory.getClass().getName() + "; remove one from the "
                        + "module path or the adapters folders");
            }
        }
        return new Adapters(byName, folders);
    }

    public Optional<ProviderFactory> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The installed names, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** For the start-up log: the names, and the adapters folders when any were loaded. */
    public String describe() {
        return String.join(", ", names()) + (folders.isEmpty() ? ""
                : " (with the adapters folder " + String.join(", ", folders.stream().map(Path::toString).toList()) + ")");
    }
}
