package dev.claudia.router.systemtests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real Claude Code CLI, pinned, from the npm registry: {@code $CLAUDE_CODE_BIN} if set (CI
 * installs it first), else a cached install under ~/.cache/claudia, installed on first use. Never
 * skipped: without npm or the registry the test fails and says so.
 */
final class ClaudeCodeCli {

    static final String VERSION = "2.1.197";

    private ClaudeCodeCli() {}

    static synchronized Path executable() throws IOException, InterruptedException {
        String explicit = System.getenv("CLAUDE_CODE_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "claudia", "claude-code", VERSION);
        Path bin = prefix.resolve("node_modules/.bin/claude");
        if (!Files.isExecutable(bin)) {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "@anthropic-ai/claude-code@" + VERSION).redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(bin)) {
                throw new IllegalStateException("could not install @anthropic-ai/claude-code@" + VERSION
                        + " with npm (needed by this test; CI installs it in .ci/run): " + out);
            }
        }
        return bin;
    }
}
