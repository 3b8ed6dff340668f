package dev.claudia.router.systemtests.fake;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The fake provider's image, built locally FROM scratch (no registry is reachable here), in two images
 * so that a changed jar costs a 2 MB build, not a 60 MB one:
 * <ul>
 *   <li>{@code claudia-fake-openai-base:<hash>}: a jlink'd runtime of the JDK running the tests
 *       ({@value #MODULES}) and the glibc files it links against (found with {@code ldd}); the hash covers
 *       the JDK, the module list and the glibc files;</li>
 *   <li>{@code claudia-fake-openai:<hash>}: that base plus the fake's shaded jar; the hash covers the base
 *       and the jar.</li>
 * </ul>
 * Each is built only when no image of that tag exists (Testcontainers' {@link ImageFromDockerfile}
 * re-sends and gzips its whole context on every build, even when Docker then reuses every layer), so a
 * test JVM with nothing changed only hashes the jar and asks Docker two questions. The runtime is linked
 * once under {@code target/fake-image/} and relinked when the JDK changes. Other tags of both images are
 * removed after a new one is built (best effort) once they are a day old: a younger one may be what a test
 * JVM of another checkout on the same engine (its fake jar, so its tag, differs) has just resolved and is
 * about to start.
 *
 * <p>Why only these modules: {@code jdeps --print-module-deps} on the jar says
 * {@code java.base,java.desktop,java.sql,jdk.httpserver}, but Jackson touches {@code java.desktop}
 * ({@code java.beans}) and {@code java.sql} only from optional handlers that the fake's tree-model use
 * never reaches, and it loads them guarded. Leaving them out saves 10 MB.
 */
final class FakeOpenAiImage {

    static final String BASE = "claudia-fake-openai-base";
    static final String APP = "claudia-fake-openai";
    static final String MODULES = "java.base,jdk.httpserver";
    private static final List<String> JLINK_OPTIONS = List.of("--strip-debug", "--no-header-files", "--no-man-pages");

    /** What {@link #resolve()} did, for the timing report. */
    record Resolved(String name, boolean baseBuilt, boolean appBuilt, long millis, String steps) {}

    private FakeOpenAiImage() {}

    /** The name of an up-to-date image of the fake, building what is missing. */
    static Resolved resolve() {
        long start = System.nanoTime();
        StringBuilder steps = new StringBuilder();
        Path work = Path.of(System.getProperty("image.work", "target/fake-image")).toAbsolutePath();
        Path jar = jar();
        try {
            Path runtime = runtime(work);
            Path glibc = glibc(work, runtime);
            String baseHash = hash(List.of(work.resolve("rt.stamp"), glibc));
            String base = BASE + ":" + baseHash;
            step(steps, "runtime+glibc+hash", start);
            long t = System.nanoTime();
            boolean baseBuilt = buildIfMissing(base, new ImageFromDockerfile(base, false)
                    .withFileFromPath("glibc", glibc)
                    .withFileFromPath("rt", runtime)
                    .withDockerfileFromBuilder(d -> d.from("scratch")
                            .copy("glibc/", "/")
                            .copy("rt/", "/opt/java/")
                            .label("dev.claudia.image", BASE)
                            .build()));
            step(steps, baseBuilt ? "base build" : "base check", t);
            t = System.nanoTime();
            String app = APP + ":" + hash(List.of(jar)).substring(0, 12) + "-" + baseHash.substring(0, 12);
            boolean appBuilt = buildIfMissing(app, new ImageFromDockerfile(app, false)
                    .withFileFromPath("fake.jar", jar)
                    .withDockerfileFromBuilder(d -> d.from(base)
                            .copy("fake.jar", "/app/fake.jar")
                            .label("dev.claudia.image", APP)
                            .entryPoint("/opt/java/bin/java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                    "-XX:-UsePerfData", "-jar", "/app/fake.jar")
                            .build()));
            step(steps, appBuilt ? "app build" : "app check", t);
            if (baseBuilt) {
                removeOtherTags(BASE, base);
            }
            if (appBuilt) {
                removeOtherTags(APP, app);
            }
            return new Resolved(app, baseBuilt, appBuilt, (System.nanoTime() - start) / 1_000_000, steps.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the fake provider image under " + work + ": " + e.getMessage(), e);
        }
    }

    private static void step(StringBuilder steps, String name, long since) {
        steps.append(steps.isEmpty() ? "" : ", ").append(name).append(' ').append((System.nanoTime() - since) / 1_000_000).append(" ms");
    }

    private static Path jar() {
        String property = System.getProperty("fake.jar");
        if (property == null) {
            throw new IllegalStateException("system property fake.jar is not set: run the tests through Maven "
                    + "(system-tests/pom.xml sets it to the fake-openai module's shaded jar)");
        }
        Path jar = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the fake provider jar is missing: " + jar + ". Build it first, e.g. "
                    + "./mvnw -pl fake-openai,system-tests -am verify (a reactor 'test' run does not package it)");
        }
        Path sources = jar.getParent().resolveSibling("src/main");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                long built = Files.getLastModifiedTime(jar).toMillis();
                Path newer = files.filter(Files::isRegularFile).filter(f -> modified(f) > built).findFirst().orElse(null);
                if (newer != null) {
                    throw new IllegalStateException("the fake provider jar " + jar + " is older than " + newer + ": rebuild it, "
                            + "e.g. ./mvnw -pl fake-openai,system-tests -am verify (a reactor 'test' run does not package it)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jar;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code work/rt}: a runtime linked from this JDK; relinked when the JDK or the modules change. */
    private static Path runtime(Path work) throws IOException {
        Path runtime = work.resolve("rt");
        Path stamp = work.resolve("rt.stamp");
        String wanted = "java.home=" + System.getProperty("java.home") + "\njava.runtime.version="
                + System.getProperty("java.runtime.version") + "\nmodules=" + MODULES + "\noptions=" + JLINK_OPTIONS + "\n";
        if (Files.isExecutable(runtime.resolve("bin/java")) && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(wanted)) {
            return runtime;
        }
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "jlink is not in the JDK running the tests (" + System.getProperty("java.home") + "); use a full JDK 21+"));
        Files.createDirectories(work);
        Path staging = Files.createTempDirectory(work, "rt-");
        Files.delete(staging); // jlink wants to create it
        List<String> args = new ArrayList<>(List.of("--add-modules", MODULES, "--output", staging.toString()));
        args.addAll(JLINK_OPTIONS);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        // A JDK without jmods/ (Temurin 25) links from its own run-time image (JEP 493); one with jmods/ uses them.
        if (jlink.run(out, out, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("jlink " + String.join(" ", args) + " failed: " + log.toString(StandardCharsets.UTF_8));
        }
        deleteRecursively(runtime);
        deleteRecursively(work.resolve("glibc"));
        moveInPlace(staging, runtime);
        Files.writeString(stamp, wanted);
        return runtime;
    }

    /** {@code work/glibc}: every library the runtime links against outside itself, at its absolute path, symlinks resolved. */
    private static Path glibc(Path work, Path runtime) throws IOException {
        Path target = work.resolve("glibc");
        if (Files.isDirectory(target)) {
            return target;
        }
        Set<String> libraries = new TreeSet<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".so") || p.endsWith("bin/java")).toList()) {
                libraries.addAll(ldd(file, runtime));
            }
        }
        Path staging = Files.createTempDirectory(work, "glibc-");
        for (String library : libraries) {
            Path copy = staging.resolve(library.substring(1));
            Files.createDirectories(copy.getParent());
            Files.copy(Path.of(library).toRealPath(), copy, StandardCopyOption.REPLACE_EXISTING);
        }
        moveInPlace(staging, target);
        return target;
    }

    private static Set<String> ldd(Path file, Path runtime) throws IOException {
        Process process = new ProcessBuilder("ldd", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Set<String> libraries = new TreeSet<>();
        for (String line : out.split("\n")) {
            if (line.contains("=> not found") && !insideRuntime(runtime, line.strip().split("\\s+")[0])) {
                throw new IllegalStateException("ldd " + file + ": " + line.strip());
            }
            // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
            for (String token : line.strip().split("\\s+")) {
                if (token.startsWith("/") && !Path.of(token).startsWith(runtime)) {
                    libraries.add(token);
                }
            }
        }
        return libraries;
    }

    /** Whether the runtime has a library of that name (libjvm.so: found at run time through the launcher, not by ldd). */
    private static boolean insideRuntime(Path runtime, String library) throws IOException {
        try (Stream<Path> files = Files.walk(runtime)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(library));
        }
    }

    private static boolean buildIfMissing(String name, ImageFromDockerfile image) {
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(name).exec();
            return false;
        } catch (NotFoundException missing) {
            image.get();
            return true;
        }
    }

    private static void removeOtherTags(String repository, String keep) {
        DockerClient docker = DockerClientFactory.instance().client();
        long dayAgo = System.currentTimeMillis() / 1000 - 24 * 3600;
        for (Image image : docker.listImagesCmd().withReferenceFilter(repository).exec()) {
            if (image.getCreated() != null && image.getCreated() > dayAgo) {
                continue; // possibly in use by a concurrent run of another checkout
            }
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                if (tag.startsWith(repository + ":") && !tag.equals(keep)) {
                    try {
                        docker.removeImageCmd(tag).withNoPrune(false).exec();
                    } catch (RuntimeException inUseOrGone) {
                        // another test JVM may still run a container of it; the next build tries again
                    }
                }
            }
        }
    }

    /** SHA-256 (16 hex digits) over every regular file's relative path, executable bit and bytes. */
    private static String hash(List<Path> roots) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path root : roots) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    digest.update((root.getFileName() + "/" + root.relativize(file)).getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) (Files.isExecutable(file) ? 1 : 0));
                    digest.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renames a finished staging directory into place; if another test JVM got there first, keeps theirs. */
    private static void moveInPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.isDirectory(target)) {
                throw raced;
            }
            deleteRecursively(staging);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
