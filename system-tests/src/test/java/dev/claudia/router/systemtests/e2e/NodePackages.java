package dev.claudia.router.systemtests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
