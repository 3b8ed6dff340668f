package dev.claudia.router.systemtests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * npm packages the end-to-end tests run (real clients), installed into a cache folder under
 * ~/.cache/claudia once; CI installs them in .ci/run so a registry hiccup stays out of the timings.
 */
final class NodePackages {

    private NodePackages() {}

    /** The folder holding {@code packages}, installing them there first if {@code marker} is missing. */
    static synchronized Path ensure(String folder, String marker, String... packages) throws IOException, InterruptedException {
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "claudia", "node-clients", folder);
        if (!Files.exists(prefix.resolve("node_modules").resolve(marker))) {
            install(prefix, packages);
        }
        return prefix;
    }

    /**
     * Runs a script of src/test/resources/clients with node, from {@code prefix} (so its imports
     * resolve to the packages installed there); returns its last stdout line, parsed as JSON.
     */
    static com.fasterxml.jackson.databind.JsonNode run(Path prefix, String script, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path copy = prefix.resolve(script);
        try (var in = NodePackages.class.getResourceAsStream("/clients/" + script)) {
            Files.copy(java.util.Objects.requireNonNull(in, script), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("node", copy.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(prefix.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_"));
        builder.environment().putAll(env);
        Path err = Files.createTempFile("node-stderr", ".txt");
        Process node = builder.redirectError(err.toFile()).start();
        String out = new String(node.getInputStream().readAllBytes());
        if (!node.waitFor(3, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError(script + " did not finish within 3 minutes; stdout: " + out);
        }
        String[] lines = out.strip().split("\n");
        try {
            return ClaudeCodeRun.JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError(script + " printed no JSON (exit " + node.exitValue() + "): " + out
                    + "\nstderr: " + Files.readString(err), e);
        }
    }

    static void install(Path prefix, String... packages) throws IOException, InterruptedException {
        Files.createDirectories(prefix);
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", prefix.toString(), "--no-audit",
                "--no-fund", "--loglevel=error"));
        command.addAll(List.of(packages));
        Process npm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes());
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("could not install " + String.join(" ", packages)
                    + " with npm (needed by this test; CI installs it in .ci/run): " + out);
        }
    }
}
