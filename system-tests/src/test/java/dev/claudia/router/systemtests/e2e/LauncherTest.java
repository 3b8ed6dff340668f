package dev.claudia.router.systemtests.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers as a user runs them: {@code ./claudia install} puts {@code claudia-claude} on a
 * bin directory, and {@code claudia-claude} starts a router and runs "claude" (here a stand-in
 * script that prints what it was given) with the router's address and the arguments untouched.
 */
class LauncherTest {

    private static final Path HOME = Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();

    record Run(int exit, String output) {}

    private static Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("CLAUDIA_") || k.startsWith("CLAUDE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        return new Run(process.exitValue(), output);
    }

    @Test
    void install_then_claudia_claude_runs_claude_against_a_router_with_its_arguments_untouched(@TempDir Path dir)
            throws Exception {
        Path bin = dir.resolve("bin");
        Run install = run(dir, Map.of(), HOME.resolve("claudia").toString(), "install", "--bin-dir", bin.toString());
        assertEquals(0, install.exit(), install.output());
        assertTrue(Files.isExecutable(bin.resolve("claudia-claude")) && Files.isExecutable(bin.resolve("claudia")));

        Path fakeClaude = Files.writeString(dir.resolve("claude"), """
                #!/bin/sh
                echo "ARGS:$*"
                env | grep -E '^(ANTHROPIC|CLAUDE_CODE)' | sort
                curl -s "$ANTHROPIC_BASE_URL/health" | head -c 200; echo
                exit 7
                """);
        Files.setPosixFilePermissions(fakeClaude, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.writeString(dir.resolve("config.json"), """
                {"port": 1, "defaultBackend": "b", "backends": {"b": {"baseUrl": "http://127.0.0.1:9/v1", "defaultModel": "m"}},
                 "modelProfiles": {"claude-x": {"backend": "b"}}}""");
        Run claude = run(dir, Map.of("CLAUDE_BIN", fakeClaude.toString(), "ANTHROPIC_API_KEY", "sk-ant-should-not-leak",
                        "CLAUDIA_LOG_FILE", dir.resolve("router.log").toString()),
                bin.resolve("claudia-claude").toString(), "--config", config.toString(), "--model", "claude-x",
                "-p", "hi there", "--model", "opus", "--verbose");
        assertEquals(7, claude.exit(), "claude's exit code is passed on: " + claude.output());
        assertTrue(claude.output().contains("ARGS:-p hi there --model opus --verbose"), claude.output());
        assertTrue(claude.output().contains("ANTHROPIC_MODEL=claude-x"), claude.output());
        assertTrue(claude.output().contains("ANTHROPIC_DEFAULT_HAIKU_MODEL=claude-x"), claude.output());
        assertTrue(claude.output().contains("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1"), claude.output());
        assertTrue(claude.output().matches("(?s).*ANTHROPIC_BASE_URL=http://127\\.0\\.0\\.1:\\d+\\n.*"), claude.output());
        assertTrue(claude.output().contains("\"status\":\"ok\""), "a router answered at that address: " + claude.output());
        assertFalse(claude.output().contains("sk-ant-should-not-leak"), "ANTHROPIC_API_KEY is removed: " + claude.output());
    }

    @Test
    void says_clearly_when_claude_is_not_installed(@TempDir Path dir) throws Exception {
        Run missing = run(dir, Map.of("CLAUDE_BIN", dir.resolve("no-such-claude").toString()),
                HOME.resolve("claudia").toString(), "claude", "--config", HOME.resolve("config.json").toString(), "-p", "x");
        assertEquals(127, missing.exit(), missing.output());
        assertTrue(missing.output().contains("Claude Code CLI ('claude') is not installed"), missing.output());
        assertTrue(missing.output().contains("npm install -g @anthropic-ai/claude-code"), missing.output());
    }

    @Test
    void a_broken_config_stops_with_one_line_per_problem(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"defaultBackend\": \"x\", \"backends\": {}}");
        Run start = run(dir, Map.of(), HOME.resolve("claudia").toString(), "start", "--config", config.toString());
        assertEquals(2, start.exit(), start.output());
        assertTrue(start.output().contains("invalid configuration (1 problem):"), start.output());
        assertTrue(start.output().contains(config + ": backends: must be an object with at least one backend"), start.output());
        assertFalse(start.output().contains("Exception"), start.output());
        assertEquals(List.of(), List.of());
    }
}
