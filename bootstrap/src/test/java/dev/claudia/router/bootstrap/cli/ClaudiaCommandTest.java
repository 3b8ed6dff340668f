package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.Version;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as users type it: options, help, version, and what a mistake prints and exits with. */
class ClaudiaCommandTest {

    private record Ran(int exit, String out, String err) {}

    private static Ran run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ClaudiaCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static <T> T command(Class<T> type, String... args) {
        return type.cast(assertInstanceOf(ClaudiaCommand.Outcome.Run.class, ClaudiaCommand.parse(args)).command());
    }

    @Test
    void start_takes_its_options_in_both_spellings() {
        StartCommand start = command(StartCommand.class, "start", "--config", "my.json", "--port=9090", "--host", "::1");
        assertEquals(Path.of("my.json"), start.config);
        assertEquals(9090, start.port);
        assertEquals("::1", start.host);
        StartCommand defaults = command(StartCommand.class, "start");
        assertNull(defaults.config);
        assertNull(defaults.port);
        assertNull(defaults.host);
        assertEquals(Path.of("/tmp/x"), command(InstallCommand.class, "install", "--bin-dir=/tmp/x").binDir);
    }

    @Test
    void check_takes_repeated_profiles_a_json_switch_and_a_timeout() {
        CheckCommand check = command(CheckCommand.class, "check", "--profile", "a", "--profile=b", "--json",
                "--timeout", "5", "--config", "c.json");
        assertEquals(List.of("a", "b"), check.profiles);
        assertTrue(check.json);
        assertEquals(5, check.timeoutSeconds);
        assertEquals(Path.of("c.json"), check.config);
        CheckCommand defaults = command(CheckCommand.class, "check");
        assertEquals(List.of(), defaults.profiles, "all profiles");
        assertFalse(defaults.json);
        assertEquals(60, defaults.timeoutSeconds);
        assertNull(defaults.config);
    }

    @Test
    void claude_passes_everything_from_the_first_foreign_argument_on_as_given() {
        ClaudeCommand claude = command(ClaudeCommand.class, "claude", "--model=m", "--small-model", "s", "--config", "c.json",
                "-c", "\"quoted\"", "--profile", "glm", "--", "-h");
        assertEquals("m", claude.model);
        assertEquals("s", claude.smallModel);
        assertEquals(Path.of("c.json"), claude.config);
        assertNull(claude.profile, "--profile after claude's first argument is claude's");
        assertEquals(List.of("-c", "\"quoted\"", "--profile", "glm", "--", "-h"), claude.claudeArgs);
        assertEquals(List.of("--help", "x"), command(ClaudeCommand.class, "claude", "--help", "x").claudeArgs,
                "--help is Claude Code's");
        assertEquals(List.of("--prof", "glm"), command(ClaudeCommand.class, "claude", "--prof", "glm").claudeArgs,
                "no abbreviations of claudia's options");
    }

    @Test
    void help_and_version_go_to_stdout_and_exit_0() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h"}, new String[] {"help"})) {
            Ran root = run(args);
            assertEquals(0, root.exit());
            assertTrue(root.out().contains("Commands:") && root.out().contains("start") && root.out().contains("claude")
                    && root.out().contains("install") && root.out().contains("check") && root.out().contains("help"),
                    root.out());
            assertEquals("", root.err());
        }
        String version = "claudia " + Version.current() + "\n";
        assertEquals(new Ran(0, version, ""), run("--version"));
        assertEquals(new Ran(0, version, ""), run("-V", "start"));
        assertEquals(new Ran(0, version, ""), run("start", "-V"));
        assertEquals(new Ran(0, version, ""), run("install", "--version"));

        Ran start = run("help", "start");
        assertEquals(0, start.exit());
        assertTrue(start.out().contains("claudia start") && start.out().contains("--port <PORT>")
                && start.out().contains("port to listen on (default: config.json's port)"), start.out());
        assertEquals(start, run("start", "--help"));
        Ran check = run("check", "-h");
        assertEquals(0, check.exit());
        assertTrue(check.out().contains("claudia check") && check.out().contains("--profile <ALIAS>")
                && check.out().contains("--json") && check.out().contains("(default: 60)")
                && check.out().contains("Exit status: 0 all work, 1 a profile failed, 2 bad config or arguments."),
                check.out());
        Ran claude = run("claude", "--help-claudia");
        assertEquals(0, claude.exit());
        assertTrue(claude.out().contains("--small-model <ALIAS>") && claude.out().contains("--help goes to claude"),
                claude.out());
    }

    @Test
    void mistakes_say_what_is_wrong_then_the_help_on_stderr_and_exit_2() {
        assertUsageError(run("start", "--bogus"), "Unknown option: '--bogus'", "claudia start");
        assertUsageError(run("start", "--po", "1"), "Unknown option: '--po'", "claudia start");
        assertUsageError(run("start", "--port"), "Missing required parameter for option '--port' (PORT)", "claudia start");
        assertUsageError(run("start", "--port", "abc"), "Invalid value for option '--port': 'abc' is not an int",
                "claudia start");
        assertUsageError(run("start", "--port", "1", "--port", "2"), "option '--port' (PORT) should be specified only once",
                "claudia start");
        assertUsageError(run("start", "extra"), "Unmatched argument at index 1: 'extra'", "claudia start");
        assertUsageError(run("claude", "--profile"), "Missing required parameter for option '--profile' (NAME)",
                "claudia claude");
        assertUsageError(run("check", "--timeout", "x"), "Invalid value for option '--timeout': 'x' is not an int",
                "claudia check");
        assertUsageError(run("check", "--json", "--json", "--config", "a", "--config", "b"),
                "option '--config' (FILE) should be specified only once", "claudia check");
        assertUsageError(run("check", "--profile", "a", "b"), "Unmatched argument at index 3: 'b'", "claudia check");
        assertUsageError(run("bogus"), "Unmatched argument at index 0: 'bogus'", "Commands:");
        assertUsageError(run("-x"), "Unknown option: '-x'", "Commands:");
        assertUsageError(run("help", "bogus"), "Unknown subcommand 'bogus'.", "Commands:");
    }

    private static void assertUsageError(Ran ran, String message, String help) {
        assertEquals(2, ran.exit(), ran.toString());
        assertEquals("", ran.out());
        assertTrue(ran.err().startsWith(message + "\n"), ran.err());
        assertTrue(ran.err().contains(help), ran.err());
    }
}
