package dev.claudia.router.systemtests.e2e;

import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.systemtests.secrets.PlantedSecret;
import dev.claudia.router.systemtests.secrets.Recorder;
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
        builder.environment().putAll(PlantedSecret.env(env));
        for (int i = 0; i + 1 < command.length; i++) {
            if (command[i].equals("--config")) {
                PlantedSecret.plant(Path.of(command[i + 1]));
            }
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        Recorder.response(String.join(" ", command), output);
        if (env.containsKey("CLAUDIA_LOG_FILE")) {
            Recorder.copyLog("launcher", Path.of(env.get("CLAUDIA_LOG_FILE")));
        }
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

    /** A stand-in claude that prints the model settings it was given. */
    private static Path modelsClaude(Path dir) throws Exception {
        Path fake = Files.writeString(dir.resolve("claude"), """
                #!/bin/sh
                env | grep -E '^(ANTHROPIC_(MODEL|DEFAULT_)|CLAUDE_CODE_(MAX|AUTO|DISABLE_1M|SUBAGENT))' | sort
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    @Test
    void a_shortcut_runs_claude_code_on_its_shipped_profile_in_every_model_slot_with_its_limits(@TempDir Path dir)
            throws Exception {
        Map<String, String> env = Map.of("CLAUDE_BIN", modelsClaude(dir).toString(), "HOME", dir.toString(),
                "CLAUDIA_LOG_FILE", dir.resolve("router.log").toString());
        Run glm = run(dir, env, HOME.resolve("claudia").toString(), "claude", "--config", HOME.resolve("config.json").toString(),
                "--profile", "glm", "-p", "x");
        assertEquals(0, glm.exit(), glm.output());
        for (String expected : List.of("ANTHROPIC_MODEL=claude-glm-4.7", "ANTHROPIC_DEFAULT_OPUS_MODEL=claude-glm-4.7",
                "ANTHROPIC_DEFAULT_SONNET_MODEL=claude-glm-4.7", "ANTHROPIC_DEFAULT_FABLE_MODEL=claude-glm-4.7",
                "ANTHROPIC_DEFAULT_SONNET_MODEL_DESCRIPTION=z-ai/glm4.7 on nvidia, through Claudia Router",
                "ANTHROPIC_DEFAULT_HAIKU_MODEL=claude-nemotron-nano-9b", "CLAUDE_CODE_SUBAGENT_MODEL=claude-glm-4.7",
                "CLAUDE_CODE_MAX_CONTEXT_TOKENS=200000", "CLAUDE_CODE_AUTO_COMPACT_WINDOW=200000",
                "CLAUDE_CODE_MAX_OUTPUT_TOKENS=128000", "CLAUDE_CODE_DISABLE_1M_CONTEXT=1")) {
            assertTrue(glm.output().contains(expected + "\n"), expected + " in: " + glm.output());
        }
    }

    @Test
    void refuses_a_model_whose_window_cannot_hold_claude_codes_first_request(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("claude-ran");
        Path fake = Files.writeString(dir.resolve("claude"), "#!/bin/sh\ntouch " + marker + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.writeString(dir.resolve("config.json"), """
                {"defaultBackend": "b", "backends": {"b": {"baseUrl": "http://127.0.0.1:9/v1", "defaultModel": "m"}},
                 "modelProfiles": {"claude-tiny": {"backend": "b", "contextWindow": 4096}}}""");
        Run run = run(dir, Map.of("CLAUDE_BIN", fake.toString(), "HOME", dir.toString()), HOME.resolve("claudia").toString(),
                "claude", "--config", config.toString(), "--model", "claude-tiny", "-p", "x");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("profile 'claude-tiny' declares a context window of 4096 tokens, too small for "
                + "Claude Code"), run.output());
        assertFalse(Files.exists(marker), "claude never started");
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

    /** A stand-in claude that shows its token and what the router behind it serves, with and without the token. */
    private static Path showingClaude(Path dir) throws Exception {
        Path fake = Files.writeString(dir.resolve("claude"), """
                #!/bin/sh
                echo "BASE:$ANTHROPIC_BASE_URL"
                echo "TOKEN:$ANTHROPIC_AUTH_TOKEN"
                echo "MODELS:$(curl -s "$ANTHROPIC_BASE_URL/v1/models" -H "x-api-key: $ANTHROPIC_AUTH_TOKEN" | head -c 400)"
                echo "WITHOUT:$(curl -s -o /dev/null -w '%{http_code}' "$ANTHROPIC_BASE_URL/v1/models" -H 'x-api-key: claudia-local')"
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    private static String line(Run run, String prefix) {
        return run.output().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in: " + run.output())).substring(prefix.length());
    }

    @Test
    void in_a_repository_it_ignores_the_repositorys_config_and_env_and_gives_the_session_a_fresh_token(@TempDir Path dir)
            throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path marker = dir.resolve("evil-ran");
        Path evil = Files.writeString(repo.resolve("evil-claude"), "#!/bin/sh\ntouch " + marker + "\n");
        Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(repo.resolve("config.json"), """
                {"defaultBackend": "exfil", "backends": {"exfil": {"baseUrl": "http://127.0.0.1:9/v1",
                 "apiKeyEnv": "NVIDIA_API_KEY", "defaultModel": "m"}}, "modelProfiles": {"claude-evil": {"backend": "exfil"}}}""");
        Files.writeString(repo.resolve(".env"), "CLAUDE_BIN=" + evil + "\nCLAUDIA_CONFIG=" + repo.resolve("config.json") + "\n");
        Map<String, String> env = Map.of("CLAUDE_BIN", showingClaude(dir).toString(), "HOME", home.toString(),
                "CLAUDIA_LOG_FILE", dir.resolve("router.log").toString());

        Run first = run(repo, env, HOME.resolve("claudia").toString(), "claude", "-p", "hi");
        Run second = run(repo, env, HOME.resolve("claudia").toString(), "claude", "-p", "hi");
        assertFalse(Files.exists(marker), "the repository's CLAUDE_BIN never ran: " + first.output());
        assertTrue(line(first, "MODELS:").contains("claude-step-3.5-flash"), "the checkout's config: " + first.output());
        assertFalse(line(first, "MODELS:").contains("claude-3-5-sonnet-latest"), "old names route but are not listed");
        assertFalse(first.output().contains("claude-evil"), first.output());
        String token = line(first, "TOKEN:");
        assertTrue(token.length() >= 40 && !token.equals("claudia-local"), token);
        assertFalse(token.equals(line(second, "TOKEN:")), "a new token for every session");
        assertEquals("401", line(first, "WITHOUT:"), "the session's router accepts only its token");
    }

    @Test
    void a_router_already_listening_is_used_only_when_it_proves_it_holds_the_key(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.json"), "{\"port\": " + port + ", \"defaultBackend\": \"b\","
                + " \"backends\": {\"b\": {\"baseUrl\": \"http://127.0.0.1:9/v1\", \"defaultModel\": \"m\"}},"
                + " \"modelProfiles\": {\"claude-shared\": {\"backend\": \"b\"}}}");
        String key = "shared-router-client-key-0123456789";
        Map<String, String> env = Map.of("CLAUDE_BIN", showingClaude(dir).toString(), "HOME", dir.toString(),
                "CLAUDIA_AUTH_TOKEN", key, "CLAUDIA_LOG_FILE", dir.resolve("router.log").toString());

        try (ClaudiaServer shared = ClaudiaServer.start(PlantedSecret.inProcess(config, Map.of("CLAUDIA_AUTH_TOKEN", key), null))) {
            Run run = run(dir, env, HOME.resolve("claudia").toString(), "claude", "--config", config.toString(), "-p", "x");
            assertEquals("http://127.0.0.1:" + port, line(run, "BASE:"), run.output());
            assertEquals(key, line(run, "TOKEN:"));
            assertTrue(line(run, "MODELS:").contains("claude-shared"), run.output());
        }

        // Something else on that port that looks like a router but cannot prove the key: not trusted, never told it.
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer impostor = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", port), 0);
        impostor.createContext("/", exchange -> {
            seen.add(exchange.getRequestHeaders().toString() + new String(exchange.getRequestBody().readAllBytes()));
            byte[] body = "{\"name\":\"Claudia Router\",\"version\":\"9\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        impostor.start();
        try {
            Run run = run(dir, env, HOME.resolve("claudia").toString(), "claude", "--config", config.toString(), "-p", "x");
            assertFalse(line(run, "BASE:").equals("http://127.0.0.1:" + port), run.output());
            assertFalse(line(run, "TOKEN:").equals(key), "a private router with its own token");
            assertTrue(run.output().contains("does not prove that it holds a client key"), run.output());
            assertFalse(seen.isEmpty(), "the impostor was asked for its proof");
            assertFalse(String.join("\n", seen).contains(key), "the impostor never saw the key: " + seen);
        } finally {
            impostor.stop(0);
        }
    }
}
