package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.text;
import static dev.claudia.router.systemtests.e2e.ClaudeCodeRun.toolCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code CLI, run non-interactively through {@code ./claudia claude}, on a model
 * the fake provider plays: on the newest CLI it must create a file with the Write tool, and edit
 * one with Read then Edit; the older supported CLI must still do the Write scenario; the shipped
 * profile names must get the CLI's full current behaviour, old names included. The launcher
 * finds a JDK, starts a private router for the session, points the CLI at it and passes the CLI's
 * own arguments through. What the CLI sent (as the provider saw it) is kept in
 * target/claude-code-requests-*.json.
 */
class ClaudeCodeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static FakeOpenAiAdmin fake;
    private static Path config;
    private static Path shipped;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        config = dir.resolve("config.json");
        Files.writeString(config, """
                {"port": %d, "defaultBackend": "fake",
                 "backends": {"fake": {"baseUrl": "%s", "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"}},
                 "modelProfiles": {
                   "claude-e2e-write": {"backend": "fake", "providerModel": "cc-write", "retryAttempts": 1},
                   "claude-e2e-write-older": {"backend": "fake", "providerModel": "cc-write-older", "retryAttempts": 1},
                   "claude-e2e-edit": {"backend": "fake", "providerModel": "cc-edit", "retryAttempts": 1},
                   "claude-3-haiku-latest": {"backend": "fake", "providerModel": "text", "retryAttempts": 1}}}
                """.formatted(ClaudeCodeRun.unusedPortUri().getPort(), container.baseUrl()));
        shipped = shippedConfigOnTheFake(dir, container.baseUrl().toString());
    }

    /** The checkout's config.json, its profiles and their names as users get them, with every backend on the fake. */
    private static Path shippedConfigOnTheFake(Path dir, String fakeUrl) throws IOException {
        Path checkout = Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();
        ObjectNode config = (ObjectNode) JSON.readTree(checkout.resolve("config.json").toFile());
        config.put("port", ClaudeCodeRun.unusedPortUri().getPort());
        config.get("backends").forEach(backend -> ((ObjectNode) backend).put("baseUrl", fakeUrl).put("apiKeyEnv", "FAKE_API_KEY"));
        return Files.writeString(dir.resolve("shipped-config.json"), JSON.writeValueAsString(config));
    }

    /** Runs {@code ./claudia claude --config ... --model alias -p prompt --output-format json} in {@code project}. */
    private static JsonNode runClaude(String version, Path project, String alias, String prompt) throws Exception {
        ClaudeCodeRun.Result result = new ClaudeCodeRun(ClaudeCodeCli.executable(version), project, ClaudeCodeRun.newHome())
                .viaClaudia(config, alias, "-p", prompt, "--output-format", "json", "--permission-mode", "acceptEdits");
        assertEquals(0, result.exit(), result.toString());
        JsonNode json = result.json();
        assertFalse(json.get("is_error").asBoolean(), result.toString());
        return json;
    }

    @Test
    void claude_code_creates_a_file_with_the_write_tool(@TempDir Path project) throws Exception {
        Path hello = project.resolve("hello.md").toAbsolutePath();
        fake.script("cc-write", toolCall("call_write_1", "Write", Map.of("file_path", hello.toString(),
                "content", "# Hello\n\nWritten through Claudia Router.\n"), 9000), text("Created hello.md."));

        JsonNode result = runClaude(ClaudeCodeCli.NEWEST, project, "claude-e2e-write", "create hello.md");

        assertEquals("# Hello\n\nWritten through Claudia Router.\n", Files.readString(hello));
        assertEquals("Created hello.md.", result.get("result").asText());
        assertTrue(result.get("num_turns").asInt() >= 2, result.toString());
        List<JsonNode> sent = fake.requests("cc-write");
        record("write", sent);
        assertEquals(2, sent.size(), "one request per turn");
        JsonNode first = sent.getFirst().get("body");
        assertTrue(first.get("stream").asBoolean());
        List<String> tools = ClaudeCodeRun.toolNames(sent.getFirst());
        assertTrue(tools.containsAll(List.of("Bash", "Read", "Edit", "Write", "ToolSearch", "Agent")), tools.toString());
        assertFalse(tools.contains("DeferredToolPlaceholder"), "the deferred-loading placeholder is never offered: " + tools);
        assertEquals("system", first.at("/messages/0/role").asText());
        JsonNode toolMessage = ClaudeCodeRun.lastMessage(sent.get(1));
        assertEquals("tool", toolMessage.get("role").asText());
        assertEquals("call_write_1", toolMessage.get("tool_call_id").asText());
    }

    @Test
    void claude_code_reads_then_edits_an_existing_file(@TempDir Path project) throws Exception {
        Path notes = project.resolve("notes.txt").toAbsolutePath();
        Files.writeString(notes, "old line\n");
        fake.script("cc-edit", toolCall("call_read_1", "Read", Map.of("file_path", notes.toString()), 9000),
                toolCall("call_edit_1", "Edit", Map.of("file_path", notes.toString(), "old_string", "old line",
                        "new_string", "new line"), 9000), text("Edited notes.txt."));

        JsonNode result = runClaude(ClaudeCodeCli.NEWEST, project, "claude-e2e-edit", "change old line to new line in notes.txt");

        assertEquals("new line\n", Files.readString(notes));
        assertEquals("Edited notes.txt.", result.get("result").asText());
        List<JsonNode> sent = fake.requests("cc-edit");
        record("edit", sent);
        assertEquals(3, sent.size());
        assertTrue(ClaudeCodeRun.lastMessage(sent.get(1)).get("content").asText().contains("old line"),
                "the Read result came back to the model: " + sent.get(1));
    }

    @Test
    void the_older_supported_claude_code_still_creates_a_file(@TempDir Path project) throws Exception {
        Path hello = project.resolve("older.md").toAbsolutePath();
        fake.script("cc-write-older", toolCall("call_write_2", "Write", Map.of("file_path", hello.toString(),
                "content", "older CLI\n"), 9000), text("Created older.md."));

        JsonNode result = runClaude(ClaudeCodeCli.OLDER, project, "claude-e2e-write-older", "create older.md");

        assertEquals("older CLI\n", Files.readString(hello));
        assertEquals("Created older.md.", result.get("result").asText());
        List<JsonNode> sent = fake.requests("cc-write-older");
        record("write-" + ClaudeCodeCli.OLDER, sent);
        assertEquals(24, ClaudeCodeRun.toolNames(sent.getFirst()).size(), ClaudeCodeCli.OLDER + " sends its 24 tools");
    }

    /**
     * Claude Code takes {@code claude-3-5-sonnet-*} for the retired Claude 3.5 Sonnet (no thinking, 8192
     * output tokens, its old tool set, a "retired" warning). A user who still asks for that old name gets
     * the profile's own name sent to Claude Code, and with it thinking, the current tools and the profile's
     * window, without a warning; the request reaches the same profile.
     */
    @Test
    void an_old_shipped_name_runs_claude_code_on_the_new_name_with_thinking_and_the_current_tools(@TempDir Path project)
            throws Exception {
        fake.script("qwen/qwen3.5-122b-a10b", text("Qwen here."));

        ClaudeCodeRun.Result run = new ClaudeCodeRun(ClaudeCodeCli.executable(), project, ClaudeCodeRun.newHome())
                .viaClaudia(shipped, "claude-3-5-sonnet-qwen", "-p", "who are you?", "--output-format", "json");

        assertEquals(0, run.exit(), run.toString());
        assertEquals("Qwen here.", run.json().get("result").asText(), run.toString());
        assertTrue(run.stderr().contains("Claude Code is given 'claude-qwen-3.5'"), run.stderr());
        for (String warning : List.of("doesn't recognize", "isn't recognized", "retired", "remapped")) {
            assertFalse(run.stderr().contains(warning) || run.stdout().contains(warning), warning + ": " + run);
        }
        JsonNode believed = run.json().at("/modelUsage/claude-qwen-3.5");
        assertEquals(262_144, believed.get("contextWindow").asInt(), "the profile's window, not a guess: " + run.json());
        List<JsonNode> sent = fake.requests("qwen/qwen3.5-122b-a10b");
        record("shipped-qwen", sent);
        JsonNode first = sent.getFirst().get("body");
        assertTrue(first.at("/chat_template_kwargs/enable_thinking").asBoolean(),
                "Claude Code asked for thinking, which the profile passes on: " + first.get("chat_template_kwargs"));
        assertTrue(ClaudeCodeRun.toolNames(sent.getFirst()).contains("ToolSearch"), "the current tool set");
    }

    static void record(String name, List<JsonNode> requests) throws IOException {
        Path out = Path.of("target", "claude-code-requests-" + name + ".json");
        ArrayNode all = JSON.createArrayNode();
        requests.forEach(all::add);
        Files.writeString(out, JSON.writeValueAsString(all));
    }
}
