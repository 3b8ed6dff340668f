package dev.claudia.router.systemtests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Claude Code CLI, pinned, from the npm registry: the newest release the tests cover
 * ({@link #NEWEST}, for the main scenarios) and one older supported one ({@link #OLDER}, a smoke
 * scenario). {@code $CLAUDE_CODE_BIN} (the newest) and {@code $CLAUDE_CODE_OLDER_BIN} override; else
 * a cached install under ~/.cache/claudia/claude-code/VERSION, installed on first use (CI installs
 * both first). Never skipped: without npm or the registry the test fails and says so.
 */
final class ClaudeCodeCli {

    static final String NEWEST = "2.1.332";
    static final String OLDER = "2.1.197";

    private ClaudeCodeCli() {}

    static Path executable() throws IOException, InterruptedException {
        return executable(NEWEST);
    }

    static synchronized Path executable(String version) throws IOException, InterruptedException {
        String explicit = System.getenv(version.equals(NEWEST) ? "CLAUDE_CODE_BIN" : "CLAUDE_CODE_OLDER_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "claudia", "claude-code", version);
        Path bin = prefix.resolve("node_modules/.bin/claude");
        if (!Files.isExecutable(bin)) {
            NodePackages.install(prefix, "@anthropic-ai/claude-code@" + version);
        }
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("npm installed @anthropic-ai/claude-code@" + version + " but " + bin + " is missing");
        }
        return bin;
    }
}
