package dev.claudia.router.systemtests;

import dev.claudia.router.systemtests.secrets.PlantedSecret;
import dev.claudia.router.systemtests.secrets.Recorder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code claudia} command (such as {@code check}) run by the packaged router as a user runs it:
 * its own JVM on the module path of {@link LaunchedRouter}, plus any extra jars, with an environment
 * of the test's choosing (no inherited keys or CLAUDIA_ variables). Standard output and error are
 * kept apart, since a command's output is what the test reads. The suite's planted key is in its
 * environment and config ({@link PlantedSecret}); both outputs are kept for the secret scan.
 */
public final class PackagedCommand {

    /** How the command ended. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    private PackagedCommand() {}

    public static Result run(List<Path> extraModulePath, Map<String, String> env, String... args) throws Exception {
        Path jar = LaunchedRouter.home().resolve("bootstrap/target/claudia-bootstrap.jar");
        Path lib = LaunchedRouter.home().resolve("bootstrap/target/lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("package the router first (./mvnw verify packages it): " + jar);
        }
        List<String> modulePath = new ArrayList<>(List.of(jar.toString(), lib.toString()));
        extraModulePath.forEach(p -> modulePath.add(p.toString()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The shipped flags, as ./claudia passes them. No AOT cache: it is made for the router's module path, and
        // some of these runs add a jar to it (the JVM would then run without the cache anyway).
        command.addAll(LaunchedRouter.shippedJvmOptions());
        command.addAll(List.of("--module-path", String.join(File.pathSeparator, modulePath),
                "-m", "dev.claudia.router.bootstrap/dev.claudia.router.bootstrap.Main"));
        command.addAll(List.of(args));
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--config")) {
                PlantedSecret.plant(Path.of(args[i + 1]));
            }
        }
        Path out = Recorder.newFile("command-stdout", ".log");
        Path err = Recorder.newFile("command-stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.endsWith("_KEY") || k.startsWith("CLAUDIA_"));
        builder.environment().putAll(PlantedSecret.env(env));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end within 120 s: " + read(out) + read(err));
        }
        if (env.containsKey("CLAUDIA_LOG_FILE")) {
            Recorder.copyLog("command-router", Path.of(env.get("CLAUDIA_LOG_FILE")));
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
