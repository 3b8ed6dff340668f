package dev.claudia.router.bootstrap.config;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds small modular jars at test time: sources by path, compiled with the running JDK's javac. */
final class ModuleJars {

    private ModuleJars() {}

    /**
     * Compiles {@code sources} (path inside the module, e.g. {@code module-info.java}, to text) against
     * {@code modulePath} and jars the classes as {@code jar}.
     */
    static Path build(Path jar, Map<String, String> sources, Path... modulePath) throws IOException {
        Path src = Files.createTempDirectory("module-src");
        Path classes = Files.createTempDirectory("module-classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "21"));
        if (modulePath.length > 0) {
            args.add("--module-path");
            args.add(String.join(java.io.File.pathSeparator, Stream.of(modulePath).map(Path::toString).toList()));
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, System.err, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed for " + jar);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }
}
