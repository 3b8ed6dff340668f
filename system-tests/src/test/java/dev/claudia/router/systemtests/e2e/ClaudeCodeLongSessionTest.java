package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.systemtests.secrets.PlantedSecret;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.lastMessage;
import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.text;
import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.toolCall;
import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.toolNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What keeps a long Claude Code session healthy, with the newest real CLI against the router and
 * the containerized fake provider: compaction at the declared window, the router's own window
 * guard, sticky sessions through fallbacks, subagents routed by their header, and deferred tools
 * loaded through ToolSearch. (Switching models mid-session: {@link ClaudeCodeModelSwitchTest}.)
 * One router serves the direct runs; the compaction run goes through {@code ./claudia claude},
 * which must tell the CLI the window by itself.
 */
class ClaudeCodeLongSessionTest {

    static final String BIG_PROMPT_WORDS = "alpha beta gamma delta omega kappa sigma zeta theta lambda";

    private static FakeOpenAiAdmin fake;
    private static Path config;
    private static Path claude;
    private static ClaudiaServer router;
    private static final List<String> routerLog = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            routerLog.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        claude = ClaudeCodeCli.executable(ClaudeCodeCli.NEWEST);
        config = dir.resolve("config.json");
        // Two backend names for one fake: "another backend" as far as routing, logs and affinity go.
        Files.writeString(config, """
                {"port": %d, "defaultBackend": "fakeA", "stickySessionMinutes": 30,
                 "backends": {"fakeA": {"baseUrl": "%2$s", "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"},
                              "fakeB": {"baseUrl": "%2$s", "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"}},
                 "modelProfiles": {
                   "claude-cc-compact": {"backend": "fakeA", "providerModel": "cc-compact", "retryAttempts": 1,
                                         "contextWindow": 128000, "maxOutputTokens": 16384},
                   "claude-cc-guard": {"backend": "fakeA", "providerModel": "cc-guard", "retryAttempts": 1,
                                       "contextWindow": 128000},
                   "claude-cc-sticky": {"backend": "fakeA", "providerModel": "cc-sticky-a", "retryAttempts": 1,
                                        "retryBaseDelayMs": 0, "fallbacks": ["claude-cc-sticky-b"]},
                   "claude-cc-sticky-b": {"backend": "fakeB", "providerModel": "cc-sticky-b", "retryAttempts": 1},
                   "claude-cc-main": {"backend": "fakeA", "providerModel": "cc-main", "retryAttempts": 1},
                   "claude-cc-agent": {"backend": "fakeB", "providerModel": "cc-agent", "retryAttempts": 1},
                   "claude-cc-search": {"backend": "fakeA", "providerModel": "cc-search", "retryAttempts": 1},
                   "claude-3-haiku-latest": {"backend": "fakeA", "providerModel": "text", "retryAttempts": 1}},
                 "routingRules": [{"name": "subagent", "when": {"subagent": true}, "profile": "claude-cc-agent"}]}
                """.formatted(ClaudeCodeRun.unusedPortUri().getPort(), container.baseUrl()));
        router = ClaudiaServer.start(PlantedSecret.inProcess(config, Map.of("FAKE_API_KEY", "sk-fake"), 0));
        Logger.getLogger("claudia.request").addHandler(CAPTURE); // after start: starting resets the log configuration
    }

    @AfterAll
    static void tearDown() {
        if (router != null) {
            router.close();
        }
        Logger.getLogger("claudia.request").removeHandler(CAPTURE);
    }

    private static ClaudeCodeRun cli(Path project) throws Exception {
        return new ClaudeCodeRun(claude, project, ClaudeCodeRun.newHome());
    }

    private static ClaudeCodeRun.Result direct(Path project, String alias, String prompt, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-p", prompt, "--output-format", "json",
                "--permission-mode", "acceptEdits", "--allowedTools", "Bash"));
        args.addAll(List.of(more));
        return cli(project).direct(router.baseUri(), alias, Map.of("CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP", "1"), null,
                args.toArray(String[]::new));
    }

    private static JsonNode succeeded(ClaudeCodeRun.Result result) {
        assertEquals(0, result.exit(), result.toString());
        JsonNode json = result.json();
        assertFalse(json.get("is_error").asBoolean(), result.toString());
        return json;
    }

    @Test
    void a_session_that_grows_past_its_window_compacts_and_goes_on(@TempDir Path project) throws Exception {
        // The fake says the prompt already holds 120k of the 128k window: Claude Code must compact
        // before its next request instead of sending it (and dying on a context error).
        fake.script("cc-compact",
                toolCall("call_echo_1", "Bash", Map.of("command", "echo grown", "description", "echo"), 120_000),
                text("<analysis>short</analysis>\n<summary>The user asked to run echo; it printed grown.</summary>", 3_000),
                text("Continued after compaction.", 4_000));

        ClaudeCodeRun.Result result = cli(project).viaClaudia(config, "claude-cc-compact",
                "-p", "run echo grown", "--allowedTools", "Bash");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.stdout().strip().endsWith("Continued after compaction."), result.toString());
        assertFalse((result.stdout() + result.stderr()).contains("doesn't recognize the model"),
                "claudia claude declared the window, so the CLI does not assume 1M: " + result);
        List<JsonNode> sent = fake.requests("cc-compact");
        ClaudeCodeEndToEndTest.record("compact", sent);
        assertTrue(sent.stream().anyMatch(r -> lastMessage(r).toString().contains("create a detailed summary of the conversation")),
                "a compaction request reached the provider: " + sent.size() + " requests");
        JsonNode last = sent.getLast().get("body");
        assertFalse(last.toString().contains("call_echo_1"), "the conversation goes on from the summary, not the full history");
        assertEquals(16384, last.get("max_tokens").asInt(), "the CLI asks for the declared output limit");
    }

    @Test
    void a_prompt_above_the_window_gets_the_routers_prompt_is_too_long_without_reaching_the_provider(@TempDir Path project)
            throws Exception {
        // A user pointing the CLI at the router by hand: the CLI assumes a 1M window and sends a
        // prompt far above the model's 128k; the router answers for the provider.
        StringBuilder big = new StringBuilder("Summarize this: ");
        java.util.Random random = new java.util.Random(7);
        String[] words = BIG_PROMPT_WORDS.split(" ");
        for (int i = 0; i < 60_000; i++) {
            big.append(words[random.nextInt(words.length)]).append(random.nextInt(100_000)).append(' ');
        }
        int before = fake.requests("cc-guard").size();

        ClaudeCodeRun.Result result = cli(project).direct(router.baseUri(), "claude-cc-guard", Map.of(), big.toString(),
                "-p", "--output-format", "json");

        JsonNode json = result.json();
        assertTrue(json.get("is_error").asBoolean(), result.toString());
        assertEquals("prompt_too_long", json.get("terminal_reason").asText(), result.toString());
        assertTrue(json.get("result").asText().contains("(limit 128000)"), json.get("result").asText());
        assertEquals(before, fake.requests("cc-guard").size(), "no request reached the provider");
        assertTrue(routerLog.stream().anyMatch(l -> l.contains("model=claude-cc-guard") && l.contains("status=400")
                && l.contains("failures=fakeA:context_too_long")), routerLog.toString());
    }

    @Test
    void a_session_stays_on_the_route_that_served_it_and_a_new_session_is_routed_afresh(@TempDir Path project)
            throws Exception {
        fake.script("cc-sticky-a", Script.status(500).body("{\"error\":{\"message\":\"first backend down\",\"type\":\"server_error\"}}"),
                text("Answered by the first backend."));
        fake.script("cc-sticky-b", toolCall("call_sticky_1", "Bash", Map.of("command", "echo sticky", "description", "echo"), 9000),
                text("Answered by the fallback."));

        JsonNode first = succeeded(direct(project, "claude-cc-sticky", "run echo sticky"));
        JsonNode second = succeeded(direct(project, "claude-cc-sticky", "hello again"));

        assertEquals("Answered by the fallback.", first.get("result").asText(),
                "the session's second request stayed on the fallback, though the first backend answers again");
        assertEquals("Answered by the first backend.", second.get("result").asText(), "a new session starts afresh");
        assertEquals(2, fake.requests("cc-sticky-b").size());
        assertEquals(2, fake.requests("cc-sticky-a").size());
        String session = first.get("session_id").asText();
        assertTrue(routerLog.stream().anyMatch(l -> l.contains("session=" + session) && l.contains("rule=modelProfiles+sticky")
                && l.contains("backend=fakeB")), "the log line shows the session and that it was kept: " + routerLog);
    }

    @Test
    void a_subagent_request_is_routed_by_its_header(@TempDir Path project) throws Exception {
        fake.script("cc-main", toolCall("call_agent_1", "Agent", Map.of("description", "say hello", "prompt",
                        "Say hello from the subagent.", "subagent_type", "general-purpose", "run_in_background", false), 9000),
                text("The subagent said hello."));
        fake.script("cc-agent", text("Hello from the subagent."));

        JsonNode result = succeeded(direct(project, "claude-cc-main", "delegate a hello"));

        assertEquals("The subagent said hello.", result.get("result").asText());
        assertEquals(1, fake.requests("cc-agent").size(), "the subagent's request went to the subagent profile");
        assertEquals(2, fake.requests("cc-main").size());
        assertTrue(lastMessage(fake.requests("cc-main").get(1)).toString().contains("Hello from the subagent."));
        assertTrue(routerLog.stream().anyMatch(l -> l.contains("rule=rule:subagent") && l.contains(" agent=")
                && l.contains("target=cc-agent")), "the subagent header reached the router: " + routerLog);
    }

    @Test
    void a_deferred_tool_loaded_through_tool_search_is_offered_and_runs(@TempDir Path project) throws Exception {
        Path notebook = project.resolve("nb.ipynb").toAbsolutePath();
        Files.writeString(notebook, """
                {"cells": [{"cell_type": "code", "id": "cell-one", "metadata": {}, "execution_count": null,
                            "outputs": [], "source": ["print('old')"]}],
                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        fake.script("cc-search",
                toolCall("call_read_1", "Read", Map.of("file_path", notebook.toString()), 9000),
                toolCall("call_search_1", "ToolSearch", Map.of("query", "select:NotebookEdit"), 9000),
                toolCall("call_nb_1", "NotebookEdit", Map.of("notebook_path", notebook.toString(), "cell_id", "cell-one",
                        "new_source", "print('new')", "edit_mode", "replace"), 9000),
                text("Notebook edited."));

        JsonNode result = succeeded(direct(project, "claude-cc-search", "edit the notebook"));

        assertEquals("Notebook edited.", result.get("result").asText());
        assertTrue(Files.readString(notebook).contains("print('new')"), "the deferred tool ran: " + Files.readString(notebook));
        List<JsonNode> sent = fake.requests("cc-search");
        ClaudeCodeEndToEndTest.record("tool-search", sent);
        assertEquals(4, sent.size());
        for (JsonNode request : sent) {
            assertFalse(toolNames(request).contains("DeferredToolPlaceholder"), toolNames(request).toString());
        }
        assertFalse(toolNames(sent.get(1)).contains("NotebookEdit"), "not offered before ToolSearch loaded it");
        assertTrue(toolNames(sent.get(2)).contains("NotebookEdit"), "the definition that appeared mid-conversation reached the provider");
        JsonNode searchResult = lastMessage(sent.get(2));
        assertEquals("call_search_1", searchResult.get("tool_call_id").asText());
        assertTrue(searchResult.get("content").asText().contains("Tool NotebookEdit is loaded"), searchResult.toString());
    }
}
