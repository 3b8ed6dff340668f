package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.systemtests.secrets.PlantedSecret;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.signedToolCall;
import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.text;
import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.thinkingToolCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code claude -c --model OTHER}: a conversation the first profile's model produced (thinking
 * signed by the router, tool ids, system reminders) is continued on another profile served by
 * another backend, with the newest real CLI. One row per source/target pair of backend dialects;
 * the provider-dialects work adds its backends as rows.
 */
class ClaudeCodeModelSwitchTest {

    /**
     * A source or target: a profile's JSON (backend and dialect options); its provider model is
     * filled in per row so rows never share the fake's scripts.
     */
    record Side(String name, String profile) {
        boolean gemini() {
            return profile.contains("\"gemini\"");
        }

        boolean mistral() {
            return profile.contains("\"mistral\"");
        }
    }

    static final Side OPENAI_REASONING = new Side("openai-compatible, reasoning_content, chat_template_kwargs",
            "{\"backend\": \"fakeA\", \"retryAttempts\": 1, \"capabilities\": {\"reasoning\": \"chat_template_kwargs\"}}");
    static final Side OPENAI_PLAIN = new Side("openai-compatible, no reasoning dialect, inline system messages",
            "{\"backend\": \"fakeB\", \"retryAttempts\": 1, \"capabilities\": {\"systemMessages\": \"inline\"}}");
    /** The fake playing Gemini's rules: the CLI must give the thought signature back, carried in the tool id. */
    static final Side GEMINI = new Side("gemini dialect, thought signature in the tool id",
            "{\"backend\": \"gemini\", \"retryAttempts\": 1}");
    /** The fake playing Mistral's rules: 9-character ids, no user message right after tool results. */
    static final Side MISTRAL = new Side("mistral dialect, 9-character ids", "{\"backend\": \"mistral\", \"retryAttempts\": 1}");

    /** The table (the contract-level DialectSwitchContractTest covers every pair without the CLI). */
    static Stream<List<Side>> switches() {
        return Stream.of(List.of(OPENAI_REASONING, OPENAI_PLAIN), List.of(OPENAI_PLAIN, OPENAI_REASONING),
                List.of(GEMINI, MISTRAL));
    }

    private static FakeOpenAiAdmin fake;
    private static ClaudiaServer router;
    private static Path claude;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        claude = ClaudeCodeCli.executable(ClaudeCodeCli.NEWEST);
        StringBuilder profiles = new StringBuilder();
        List<List<Side>> rows = switches().toList();
        for (int row = 0; row < rows.size(); row++) {
            for (int side = 0; side < 2; side++) {
                String alias = alias(row, side);
                profiles.append(profiles.isEmpty() ? "" : ",\n").append('"').append(alias).append("\": ")
                        .append(rows.get(row).get(side).profile().replaceFirst("\\{", "{\"providerModel\": \"" + alias + "\", "));
            }
        }
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"port": 0, "defaultBackend": "fakeA",
                 "backends": {"fakeA": {"baseUrl": "%1$s", "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"},
                              "fakeB": {"baseUrl": "%1$s", "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"},
                              "gemini": {"dialect": "gemini", "baseUrl": "http://127.0.0.1:%3$d/gemini/v1",
                                         "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"},
                              "mistral": {"dialect": "mistral", "baseUrl": "http://127.0.0.1:%3$d/mistral/v1",
                                          "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"}},
                 "modelProfiles": {%2$s}}
                """.formatted(container.baseUrl(), profiles, container.port()));
        router = ClaudiaServer.start(PlantedSecret.inProcess(config, Map.of("FAKE_API_KEY", "sk-fake"), 0));
    }

    @AfterAll
    static void tearDown() {
        if (router != null) {
            router.close();
        }
    }

    private static String alias(int row, int side) {
        return "claude-switch-" + row + (side == 0 ? "-from" : "-to");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("switches")
    void a_conversation_continues_on_another_profile_and_backend(List<Side> pair, @TempDir Path project) throws Exception {
        int row = switches().toList().indexOf(pair);
        String from = alias(row, 0);
        String to = alias(row, 1);
        String callId = "call_switch_" + row;
        Map<String, Object> input = Map.of("command", "echo switched-" + row, "description", "echo");
        fake.script(from, pair.get(0).gemini() ? signedToolCall(callId, "Bash", input, "Q2lRQmp6MXJYKy84WnE9PQ==")
                : thinkingToolCall("I should run echo first.", callId, "Bash", input), text("It printed switched-" + row + "."));
        fake.script(to, text("Still here on the second model."));
        ClaudeCodeRun cli = new ClaudeCodeRun(claude, project, ClaudeCodeRun.newHome());
        Map<String, String> env = Map.of("CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP", "1");

        ClaudeCodeRun.Result first = cli.direct(router.baseUri(), from, env, null, "-p", "run echo switched-" + row,
                "--output-format", "json", "--allowedTools", "Bash", "--model", from);
        assertEquals(0, first.exit(), first.toString());
        ClaudeCodeRun.Result second = cli.direct(router.baseUri(), from, env, null, "-c", "-p", "what did it print?",
                "--output-format", "json", "--allowedTools", "Bash", "--model", to);

        assertEquals(0, second.exit(), second.toString());
        JsonNode result = second.json();
        assertFalse(result.get("is_error").asBoolean(), second.toString());
        assertEquals("Still here on the second model.", result.get("result").asText());
        List<JsonNode> sent = fake.requests(to);
        assertEquals(1, sent.size());
        ClaudeCodeEndToEndTest.record("switch-" + row, sent);
        JsonNode messages = sent.getFirst().get("body").get("messages");
        String history = messages.toString();
        String sentId = messages.findValue("tool_calls").get(0).get("id").asText();
        assertEquals(sentId, messages.findValue("tool_call_id").asText(), "the tool result answers the same id: " + history);
        if (pair.get(1).mistral()) {
            assertTrue(sentId.matches("[a-zA-Z0-9]{9}"), "Mistral's id rule: " + history);
        } else {
            assertEquals(callId, sentId, "the first model's tool call, id kept: " + history);
        }
        assertTrue(history.contains("switched-" + row) && history.contains("what did it print?"), history);
        if (pair.get(0).gemini()) {
            // The first run's second request reached the fake's Gemini rules only with the signature back:
            // the CLI echoed the id that carries it, and the router took it out again.
            assertTrue(transcriptHas(cli, "\"id\":\"toolu_ts"), "the CLI kept the signature-carrying tool id");
        } else {
            assertTrue(transcriptHas(cli, "\"signature\":\"claudia.") && transcriptHas(cli, "I should run echo first."),
                    "the CLI kept the router-signed thinking in the history it replayed");
        }
    }

    /** The CLI's session transcript (under its HOME) holds this text. */
    private static boolean transcriptHas(ClaudeCodeRun cli, String text) throws Exception {
        try (Stream<Path> files = Files.walk(cli.home().resolve(".claude"))) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).anyMatch(p -> {
                try {
                    return Files.readString(p).contains(text);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }
}
