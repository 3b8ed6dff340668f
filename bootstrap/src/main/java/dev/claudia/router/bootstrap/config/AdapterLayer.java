package dev.claudia.router.bootstrap.config;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The jars of the adapters folders ({@code CLAUDIA_ADAPTERS}, else {@code ~/.claudia/adapters}) as a
 * module layer over the router's own. A layer of its own, rather than more entries on the JVM's
 * module path, for two reasons: a jar that cannot be loaded (not a jar, a module it requires is
 * missing, two jars of one module) is reported by the router in words that name the jar and the
 * folder, instead of stopping the JVM before any of our code runs; and the router's module path
 * stays the one an AOT or CDS archive was made for, so installing an adapter does not invalidate it
 * (the adapter's own classes are simply not in the archive).
 *
 * <p>Every jar is a module: a modular jar ({@code module-info} with {@code provides
 * dev.claudia.router.provider.spi.ProviderFactory}), or a plain jar, which becomes an automatic
 * module whose {@code META-INF/services} entries are its providers. Modules the router already has
 * (a copy of the SPI, of Jackson...) are skipped with a warning: the router's are used.
 */
final class AdapterLayer {

    private AdapterLayer() {}

    /** The layer, or empty when the folders hold no jar to load. Throws IllegalStateException saying what is wrong. */
    static Optional<ModuleLayer> load(List<Path> folders, ModuleLayer parent, Consumer<String> warnings) {
        Map<String, Path> modules = new LinkedHashMap<>();
        for (Path folder : folders) {
            for (Path jar : jars(folder)) {
                String name = moduleOf(jar, folder);
                if (parent.findModule(name).isPresent()) {
                    warnings.accept(jar + ": module " + name + " is part of the router already; the router's is used");
                    continue;
                }
                Path other = modules.putIfAbsent(name, jar);
                if (other != null) {
                    throw new IllegalStateException("two jars hold module " + name + ": " + other + " and " + jar
                            + "; remove one");
                }
            }
        }
        if (modules.isEmpty()) {
            return Optional.empty();
        }
        try {
            Configuration configuration = parent.configuration().resolveAndBind(
                    ModuleFinder.of(modules.values().toArray(Path[]::new)), ModuleFinder.of(), modules.keySet());
            return Optional.of(ModuleLayer.defineModulesWithOneLoader(configuration, List.of(parent),
                    ClassLoader.getSystemClassLoader()).layer());
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new IllegalStateException("the adapters in " + describe(folders) + " cannot be loaded: " + e.getMessage()
                    + " (a module an adapter requires must be in the router or in an adapters folder)", e);
        }
    }

    private static List<Path> jars(Path folder) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the adapters folder " + folder + ": " + e.getMessage(), e);
        }
        jars.sort(null);
        return jars;
    }

    /** The module a jar holds; a jar that is not one is reported by name. */
    private static String moduleOf(Path jar, Path folder) {
        try {
            return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor)
                    .orElseThrow(() -> new FindException("no module in it")).name();
        } catch (FindException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot load the adapter jar " + jar + ": " + cause.getMessage()
                    + " (remove it from " + folder + ", or replace it with a jar built from the adapter's module)", e);
        }
    }

    private static String describe(List<Path> folders) {
        return String.join(", ", folders.stream().map(Path::toString).toList());
    }
}
