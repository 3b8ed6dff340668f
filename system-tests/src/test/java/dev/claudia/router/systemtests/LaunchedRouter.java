package dev.claudia.router.systemtests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.secrets.PlantedSecret;
import dev.claudia.router.systemtests.secrets.Recorder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged router as a user runs it: a JVM of its own on the module path ({@code java
 * --module-path ... -m dev.claudia.router.bootstrap/...} start), with a config written for the test,
 * an environment of the test's choosing (no inherited keys) and everything it writes to standard
 * output and error kept in a file. The JDK HTTP server's settings (receive time, connection cap) are
 * read once per process: a router in a JVM of its own is the only way to test them as configured.
 * Every router started here also holds the suite's planted key ({@link PlantedSecret}), and its
 * output is kept for the end-of-suite secret scan ({@link Recorder}).
 */
public final class LaunchedRouter implements AutoCloseable {


    private final Process process;
    private final Path log;
    private final URI base;
    private final Path config;

    private LaunchedRouter(Process process, Path log, URI base, Path config) {
        this.process = process;
        this.log = log;
        this.base = base;
        this.config = config;
    }

    public static Path home() {
        return Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();
    }

    /** Starts the router on a free port with this config and environment; waits until /health answers. */
    public static LaunchedRouter start(ObjectNode config, Map<String, String> env) throws IOException {
        return start(write(config), env);
    }

    private static Path write(ObjectNode config) throws IOException {
        Path file = Files.createTempFile("claudia-launched", ".json");
        Files.writeString(file, PlantedSecret.plant(config.deepCopy()).toPrettyString());
        file.toFile().deleteOnExit();
        return file;
    }

    public static LaunchedRouter start(Path config, Map<String, String> env) throws IOException {
        return start(config, env, List.of());
    }

    /** As {@link #start(Path, Map)}, with JVM options added after the shipped ones (a log, say). */
    public static LaunchedRouter start(Path config, Map<String, String> env, List<String> jvmOptions) throws IOException {
        int port = freePort();
        PlantedSecret.plant(config);
        Path log = Recorder.newFile("launched", ".log");
        LaunchedRouter router = new LaunchedRouter(process(config, env, port, log, jvmOptions), log, URI.create("http://127.0.0.1:" + port),
                config);
        try {
            router.awaitUp();
        } catch (RuntimeException | IOException e) {
            router.close();
            throw e;
        }
        return router;
    }

    /** What a start that is expected to fail said, and its exit code. */
    public record Exit(int code, String output, int port) {}

    /** Runs the router until it exits by itself (a refused start), for at most 30 s. */
    public static Exit runToExit(ObjectNode config, Map<String, String> env) throws Exception {
        Path log = Recorder.newFile("refused", ".log");
        int port = freePort();
        Process process = process(write(config), env, port, log, List.of());
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the router did not exit: " + Files.readString(log));
        }
        return new Exit(process.exitValue(), Files.readString(log), port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process process(Path config, Map<String, String> env, int port, Path log, List<String> jvmOptions)
            throws IOException {
        Path jar = home().resolve("bootstrap/target/claudia-bootstrap.jar");
        Path lib = home().resolve("bootstrap/target/lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("package the router first (./mvnw verify packages it): " + jar);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(shippedJvmOptions());
        command.addAll(aotCache(home().resolve("bootstrap/target")));
        command.addAll(jvmOptions);
        command.addAll(List.of("--module-path", jar + java.io.File.pathSeparator + lib,
                "-m", "dev.claudia.router.bootstrap/dev.claudia.router.bootstrap.Main",
                "start", "--config", config.toString(), "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.startsWith("CLAUDIA_"));
        builder.environment().putAll(PlantedSecret.env(env));
        builder.redirectOutput(log.toFile());
        return builder.start();
    }

    /**
     * The shipped flags (bounded heap, exit on OutOfMemoryError), as ./claudia passes them: the
     * options file, and on JDK 25 or newer the one with the flags JDK 21 does not know.
     */
    public static List<String> shippedJvmOptions() {
        List<String> options = new ArrayList<>(List.of("@" + home().resolve("bootstrap/jvm.options")));
        if (Runtime.version().feature() >= 25) {
            options.add("@" + home().resolve("bootstrap/jvm-25.options"));
        }
        return options;
    }

    /**
     * The build's ahead-of-time cache, as ./claudia passes it, but with {@code AOTMode=on}: when the
     * cache was made by this JDK, a cache the JVM cannot use for this exact command line stops the
     * start instead of being skipped silently, so every launched test fails.
     */
    private static List<String> aotCache(Path target) throws IOException {
        Path stamp = target.resolve("claudia.aot.jdk");
        Path cache = target.resolve("claudia.aot");
        if (!Files.isRegularFile(stamp) || !Files.isRegularFile(cache)
                || !Files.readAllLines(stamp).contains("java.home=" + System.getProperty("java.home"))) {
            return List.of();
        }
        return List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on");
    }

    private void awaitUp() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the router exited (" + process.exitValue() + "): " + log());
            }
            try {
                if (client.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the router did not answer /health within 30 s: " + log());
    }

    public URI baseUri() {
        return base;
    }

    public int port() {
        return base.getPort();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The config file the router reads (and watches: writing it is an edit). */
    public Path configFile() {
        return config;
    }

    /** Sends SIGTERM, as a service manager or {@code kill} does, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, once the router has exited within {@code bound}; fails otherwise. */
    public int awaitExit(Duration bound) throws InterruptedException, IOException {
        if (!process.waitFor(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the router did not exit within " + bound + ": " + log());
        }
        return process.exitValue();
    }

    /** Everything the router wrote so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
