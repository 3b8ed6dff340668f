package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return (ClaudeCommand) ((ClaudiaCommand.Outcome.Run) ClaudiaCommand.parse(args)).command();
    }

    @Test
    void claudias_options_come_first_and_everything_else_goes_to_claude_untouched() {
        ClaudeCommand command = parse("claude", "--profile", "glm", "-p", "explain --model x", "--model", "opus",
                "--output-format", "json");
        assertEquals("claude-glm-4.7", command.alias());
        assertEquals(List.of("-p", "explain --model x", "--model", "opus", "--output-format", "json"), command.claudeArgs);
    }

    @Test
    void profile_shortcuts_name_the_shipped_profiles() {
        assertEquals("claude-step-3.5-flash", parse("claude").alias());
        assertEquals("claude-step-3.5-flash", parse("claude", "--profile", "fast").alias());
        assertEquals("claude-glm-4.7", parse("claude", "--profile", "glm").alias());
        assertEquals("claude-qwen-3.5", parse("claude", "--profile", "qwen").alias());
        assertEquals("claude-nemotron-nano-9b", parse("claude", "--profile", "smoke").alias());
        assertEquals("my-alias", parse("claude", "--profile", "glm", "--model", "my-alias").alias());
        assertEquals(null, parse("claude", "--profile", "nope").alias());
        RouterConfig shipped = ConfigReader.read(Path.of("../config.json"), w -> { });
        for (String name : ClaudeCommand.PROFILES.values()) {
            assertTrue(shipped.profiles().containsKey(name), name + " is a profile of the shipped config.json");
            assertFalse(name.matches("claude-(\\d|opus|sonnet|haiku).*"), name + " must not look like an Anthropic model");
            assertEquals(java.util.Optional.empty(), ClaudeEnvironment.refusal(shipped, name), name);
        }
        assertEquals("claude-nemotron-nano-9b", ClaudeEnvironment.SMALL_MODELS.getFirst());
    }

    private static final RouterConfig CONFIG = ConfigReader.parse("config.json", """
            {"defaultBackend": "b", "backends": {"b": {"baseUrl": "http://127.0.0.1:9/v1", "defaultModel": "m"}},
             "modelProfiles": {
               "claude-glm-4.7": {"backend": "b", "providerModel": "z-ai/glm4.7", "contextWindow": 200000,
                                  "maxOutputTokens": 128000, "aliases": ["claude-3-5-sonnet-glm"]},
               "claude-small": {"backend": "b", "providerModel": "tiny", "contextWindow": 4096, "aliases": ["claude-3-haiku-latest"]},
               "claude-3-5-sonnet-mine": {"backend": "b"}},
             "modelMap": {"claude-legacy": {"backend": "b", "model": "old-model"}}}""", w -> { });

    @Test
    void an_old_name_reaches_claude_code_as_its_profiles_own_name_and_the_small_model_is_found_by_its_old_name() {
        List<String> notes = new java.util.ArrayList<>();
        ClaudeEnvironment.Models models = ClaudeEnvironment.choose(CONFIG, "claude-3-5-sonnet-glm", null, notes::add);
        assertEquals(new ClaudeEnvironment.Models("claude-glm-4.7", "claude-small"), models,
                "Claude Code takes claude-3-5-sonnet-* for the retired Claude 3.5 Sonnet: it gets the profile's own name");
        assertEquals(List.of("'claude-3-5-sonnet-glm' is another name of profile 'claude-glm-4.7'; Claude Code is given "
                + "'claude-glm-4.7'"), notes);
        assertEquals(new ModelLimits(200_000, 128_000), ClaudeEnvironment.limitsOf(CONFIG, models.main()));

        notes.clear();
        assertEquals(new ClaudeEnvironment.Models("claude-3-5-sonnet-mine", "claude-glm-4.7"),
                ClaudeEnvironment.choose(CONFIG, "claude-3-5-sonnet-mine", "claude-3-5-sonnet-glm", notes::add));
        assertTrue(notes.getFirst().contains("Claude Code takes 'claude-3-5-sonnet-mine' for one of Anthropic's own models"),
                notes.toString());
        notes.clear();
        assertEquals("gpt-x", ClaudeEnvironment.choose(CONFIG, "gpt-x", null, notes::add).main());
        assertTrue(notes.getFirst().contains("'gpt-x' is not in config.json; it goes to the default backend b"), notes.toString());
    }

    @Test
    void refuses_a_main_model_whose_window_cannot_hold_claude_codes_first_request() {
        String refusal = ClaudeEnvironment.refusal(CONFIG, "claude-small").orElseThrow();
        assertTrue(refusal.contains("profile 'claude-small' declares a context window of 4096 tokens, too small for Claude Code"),
                refusal);
        assertEquals(java.util.Optional.empty(), ClaudeEnvironment.refusal(CONFIG, "claude-glm-4.7"));
        assertEquals(java.util.Optional.empty(), ClaudeEnvironment.refusal(CONFIG, "claude-3-5-sonnet-mine"),
                "an undeclared window is not refused");
        assertEquals(java.util.Optional.empty(), ClaudeEnvironment.refusal(CONFIG, "claude-legacy"));
    }

    @Test
    void points_claude_code_at_the_router_with_the_model_in_every_slot_and_its_provider_model_in_the_picker() {
        Map<String, String> env = ClaudeEnvironment.models(URI.create("http://127.0.0.1:9999"), CONFIG,
                new ClaudeEnvironment.Models("claude-glm-4.7", "claude-legacy"),
                new Environment(Map.of("CLAUDIA_AUTH_TOKEN", "claudia-session-token")));
        assertEquals("http://127.0.0.1:9999", env.get("ANTHROPIC_BASE_URL"));
        assertEquals("claude-glm-4.7", env.get("ANTHROPIC_MODEL"));
        for (String slot : List.of("OPUS", "SONNET", "FABLE")) {
            assertEquals("claude-glm-4.7", env.get("ANTHROPIC_DEFAULT_" + slot + "_MODEL"), slot);
            assertEquals("z-ai/glm4.7 on b, through Claudia Router", env.get("ANTHROPIC_DEFAULT_" + slot + "_MODEL_DESCRIPTION"));
        }
        assertEquals("claude-glm-4.7", env.get("CLAUDE_CODE_SUBAGENT_MODEL"));
        assertEquals("claude-legacy", env.get("ANTHROPIC_DEFAULT_HAIKU_MODEL"));
        assertEquals("old-model on b, through Claudia Router", env.get("ANTHROPIC_DEFAULT_HAIKU_MODEL_DESCRIPTION"));
        assertEquals("m on b (the default route), through Claudia Router", ClaudeEnvironment.describe(CONFIG, "gpt-x"));
        assertEquals("1", env.get("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"));
        assertEquals("claudia-session-token", env.get("ANTHROPIC_AUTH_TOKEN"));
        assertEquals("1", env.get("CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP"), "else claude-opus-4-1 is sent as another name");
    }

    @Test
    void tells_claude_code_the_declared_window_and_output_limit_and_nothing_undeclared() {
        assertEquals(Map.of("CLAUDE_CODE_MAX_CONTEXT_TOKENS", "128000", "CLAUDE_CODE_AUTO_COMPACT_WINDOW", "128000",
                "CLAUDE_CODE_DISABLE_1M_CONTEXT", "1", "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "16384"),
                ClaudeEnvironment.limits(new ModelLimits(128_000, 16_384)));
        assertEquals(Map.of("CLAUDE_CODE_MAX_CONTEXT_TOKENS", "262144", "CLAUDE_CODE_AUTO_COMPACT_WINDOW", "262144",
                "CLAUDE_CODE_DISABLE_1M_CONTEXT", "1"), ClaudeEnvironment.limits(new ModelLimits(262_144, 0)));
        assertEquals(Map.of("CLAUDE_CODE_MAX_CONTEXT_TOKENS", "1000000", "CLAUDE_CODE_AUTO_COMPACT_WINDOW", "1000000"),
                ClaudeEnvironment.limits(new ModelLimits(1_000_000, 0)), "a real 1M model keeps Claude Code's 1M option");
        assertEquals(Map.of(), ClaudeEnvironment.limits(ModelLimits.UNDECLARED));
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
