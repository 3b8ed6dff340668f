package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.config.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.claudia.router.domain.routing.ModelLimits;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaudeCommandTest {

    private static ClaudeCommand parse(String... args) {
        CommandLine line = ClaudiaCommand.commandLine();
        CommandLine.ParseResult result = line.parseArgs(args);
        return (ClaudeCommand) result.subcommand().commandSpec().userObject();
    }

    @Test
    void claudias_options_come_first_and_everything_else_goes_to_claude_untouched() {
        ClaudeCommand command = parse("claude", "--profile", "glm", "-p", "explain --model x", "--model", "opus",
                "--output-format", "json");
        assertEquals("claude-3-5-sonnet-glm", command.alias());
        assertEquals(List.of("-p", "explain --model x", "--model", "opus", "--output-format", "json"), command.claudeArgs);
    }

    @Test
    void profile_shortcuts_match_the_original_tool() {
        assertEquals("claude-3-5-sonnet-latest", parse("claude").alias());
        assertEquals("claude-3-5-sonnet-latest", parse("claude", "--profile", "fast").alias());
        assertEquals("claude-3-5-sonnet-qwen", parse("claude", "--profile", "qwen").alias());
        assertEquals("claude-3-haiku-latest", parse("claude", "--profile", "smoke").alias());
        assertEquals("my-alias", parse("claude", "--profile", "glm", "--model", "my-alias").alias());
        assertEquals(null, parse("claude", "--profile", "nope").alias());
    }

    @Test
    void points_claude_code_at_the_router() {
        Map<String, String> env = ClaudeCommand.claudeEnvironment(URI.create("http://127.0.0.1:9999"), "claude-x",
                "claude-small", new Environment(Map.of("CLAUDIA_AUTH_TOKEN", "claudia-session-token")));
        assertEquals("http://127.0.0.1:9999", env.get("ANTHROPIC_BASE_URL"));
        assertEquals("claude-x", env.get("ANTHROPIC_MODEL"));
        assertEquals("claude-x", env.get("ANTHROPIC_DEFAULT_OPUS_MODEL"));
        assertEquals("claude-x", env.get("ANTHROPIC_DEFAULT_SONNET_MODEL"));
        assertEquals("claude-small", env.get("ANTHROPIC_DEFAULT_HAIKU_MODEL"));
        assertEquals("1", env.get("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"));
        assertEquals("claudia-session-token", env.get("ANTHROPIC_AUTH_TOKEN"));
        assertEquals("1", env.get("CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP"), "else claude-opus-4-1 is sent as another name");
    }

    @Test
    void tells_claude_code_the_declared_window_and_output_limit_and_nothing_undeclared() {
        assertEquals(Map.of("CLAUDE_CODE_MAX_CONTEXT_TOKENS", "128000", "CLAUDE_CODE_AUTO_COMPACT_WINDOW", "128000",
                "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "16384"), ClaudeCommand.limitsEnvironment(new ModelLimits(128_000, 16_384)));
        assertEquals(Map.of("CLAUDE_CODE_MAX_CONTEXT_TOKENS", "262144", "CLAUDE_CODE_AUTO_COMPACT_WINDOW", "262144"),
                ClaudeCommand.limitsEnvironment(new ModelLimits(262_144, 0)));
        assertEquals(Map.of(), ClaudeCommand.limitsEnvironment(ModelLimits.UNDECLARED));
    }

    @Test
    void finds_claude_on_the_path_or_where_claude_bin_says(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), ClaudeExecutable.find(new Environment(Map.of("PATH", dir.toString()))));
        Path claude = Files.createFile(dir.resolve("claude"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(Optional.of(claude), ClaudeExecutable.find(new Environment(Map.of("PATH", "/nonexistent:" + dir))));
        assertEquals(Optional.empty(), ClaudeExecutable.find(new Environment(Map.of("CLAUDE_BIN", dir.resolve("missing").toString()))));
    }

    @Test
    void the_launcher_never_takes_config_or_variables_from_the_working_directory(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Path shipped = Files.writeString(checkout.resolve("config.json"), "{}");
        Path cwd = Path.of("").toAbsolutePath();
        // The ./claudia script names the checkout's config when the working directory has none: that is the fallback.
        assertEquals(shipped.toAbsolutePath(), LauncherTrust.configFile(null, Map.of("CLAUDIA_CONFIG", shipped.toString()), home,
                checkout).toAbsolutePath());
        assertEquals(shipped.toAbsolutePath(), LauncherTrust.configFile(null, Map.of(), home, checkout).toAbsolutePath());
        Path own = Files.createDirectories(home.resolve(".claudia")).resolve("config.json");
        Files.writeString(own, "{}");
        assertEquals(own, LauncherTrust.configFile(null, Map.of(), home, checkout), "the user's own config wins over the checkout's");
        assertEquals(Path.of("/etc/mine.json"), LauncherTrust.configFile(null, Map.of("CLAUDIA_CONFIG", "/etc/mine.json"), home,
                checkout), "a CLAUDIA_CONFIG the user set wins");
        assertEquals(Path.of("x.json"), LauncherTrust.configFile(Path.of("x.json"), Map.of(), home, checkout));
        assertFalse(LauncherTrust.configFile(null, Map.of(), home, checkout).startsWith(cwd), "never ./config.json");

        Files.writeString(home.resolve(".claudia/.env"), "A_KEY=from-home\nB_KEY=from-home\n");
        Files.writeString(checkout.resolve(".env"), "B_KEY=from-checkout\nC_KEY=from-checkout\n");
        Environment env = LauncherTrust.environment(Map.of("A_KEY", "from-process"), home, checkout);
        assertEquals("from-process", env.get("A_KEY").orElseThrow());
        assertEquals("from-home", env.get("B_KEY").orElseThrow());
        assertEquals("from-checkout", env.get("C_KEY").orElseThrow());
    }

    @Test
    void session_tokens_are_random_and_long() {
        String one = LauncherTrust.sessionToken();
        String two = LauncherTrust.sessionToken();
        assertFalse(one.equals(two));
        assertTrue(one.length() >= 40 && one.startsWith("claudia-"), one);
    }
}
