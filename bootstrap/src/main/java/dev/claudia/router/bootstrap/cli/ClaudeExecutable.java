package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.config.Environment;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the {@code claude} executable: {@code $CLAUDE_BIN}, else the first {@code claude} on {@code PATH}. */
final class ClaudeExecutable {

    private ClaudeExecutable() {}

    static Optional<Path> find(Environment env) {
        Optional<String> explicit = env.get("CLAUDE_BIN");
        if (explicit.isPresent()) {
            Path bin = Path.of(explicit.get());
            return Files.isExecutable(bin) ? Optional.of(bin) : Optional.empty();
        }
        for (String dir : env.getOr("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "claude");
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
