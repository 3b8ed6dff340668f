package dev.claudia.router.systemtests.fake;

import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The fake provider's image, built locally FROM scratch (no registry is reachable here): a jlink'd
 * runtime of the JDK running the tests, the few glibc files it links against (found with ldd), and
 * the fake's shaded jar. The runtime is linked once and kept under target/.
 */
final class FakeOpenAiImage {

    static final String NAME = "claudia-fake-openai:test";
    private static final String MODULES = "java.base,jdk.httpserver,java.logging,java.sql,java.xml,jdk.unsupported";

    private FakeOpenAiImage() {}

    static ImageFromDockerfile image() {
        Path work = Path.of(System.getProperty("image.work", "target/fake-image"));
        Path jar = Path.of(System.getProperty("fake.jar", "../fake-openai/target/claudia-fake-openai-0.1.0-SNAPSHOT-all.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the fake provider jar is missing: " + jar.toAbsolutePath()
                    + " (build with ./mvnw -pl fake-openai package)");
        }
        Path runtime = work.resolve("rt");
        Path glibc = work.resolve("glibc");
        try {
            if (!Files.isExecutable(runtime.resolve("bin/java"))) {
                link(runtime);
            }
            if (!Files.isDirectory(glibc)) {
                copyLinkedLibraries(runtime, glibc);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the fake provider image: " + e.getMessage(), e);
        }
        return new ImageFromDockerfile(NAME, false)
                .withFileFromPath("rt", runtime)
                .withFileFromPath("glibc", glibc)
                .withFileFromPath("fake.jar", jar)
                .withDockerfileFromBuilder(d -> d.from("scratch")
                        .copy("glibc/", "/")
                        .copy("rt/", "/opt/java/")
                        .copy("fake.jar", "/app/fake.jar")
                        .entryPoint("/opt/java/bin/java", "-XX:-UsePerfData", "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1", "-jar", "/app/fake.jar")
                        .build());
    }

    private static void link(Path runtime) throws IOException {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() ->
                new IllegalStateException("jlink is not available in this JDK; run the tests with a full JDK 21+"));
        deleteRecursively(runtime);
        Files.createDirectories(runtime.getParent());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = jlink.run(new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--add-modules", MODULES, "--output", runtime.toString(), "--strip-debug", "--no-header-files",
                "--no-man-pages");
        if (code != 0) {
            throw new IllegalStateException("jlink failed (" + code + "): " + err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Copies every shared library the runtime links against, at its absolute path, resolving symlinks. */
    private static void copyLinkedLibraries(Path runtime, Path target) throws IOException {
        Set<String> libraries = new TreeSet<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".so") || p.endsWith("bin/java")).toList()) {
                libraries.addAll(ldd(file));
            }
        }
        Path staging = target.resolveSibling("glibc.tmp");
        deleteRecursively(staging);
        for (String library : libraries) {
            Path source = Path.of(library);
            Path copy = staging.resolve(library.substring(1));
            Files.createDirectories(copy.getParent());
            Files.copy(source.toRealPath(), copy, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Set<String> ldd(Path file) throws IOException {
        Process process = new ProcessBuilder("ldd", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Set<String> libraries = new TreeSet<>();
        for (String line : out.split("\n")) {
            String t = line.strip();
            int arrow = t.indexOf("=> ");
            String path = arrow >= 0 ? t.substring(arrow + 3) : t;
            int space = path.indexOf(' ');
            path = space >= 0 ? path.substring(0, space) : path;
            if (path.startsWith("/") && !path.startsWith(runtime(file))) {
                libraries.add(path);
            }
        }
        return libraries;
    }

    private static String runtime(Path file) {
        Path p = file.toAbsolutePath();
        while (p != null && !p.getFileName().toString().equals("rt")) {
            p = p.getParent();
        }
        return p == null ? "\u0000" : p.toString();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
