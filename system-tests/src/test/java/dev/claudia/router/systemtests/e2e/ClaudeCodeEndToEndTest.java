package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code CLI, run non-interactively through {@code ./claudia claude}, on a model
 * the fake provider plays: it must create a file with the Write tool, and edit one with Read
 * then Edit. The launcher finds a JDK, starts a private router for the session, points the CLI at
 * it and passes the CLI's own arguments through. What the CLI sent (as the provider saw it) is
 * kept in target/claude-code-requests.json.
 */
class ClaudeCodeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static FakeOpenAiAdmin fake;
    private static Path claude;
    private static Path config;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        claude = ClaudeCodeCli.executable();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // nothing listens there: claudia claude starts its own router
        }
        config = dir.resolve("config.json");
        Files.writeString(config, """
                {"port": %d, "defaultBackend": "fake",
                 "backends": {"fake": {"baseUrl": "%s", "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"}},
                 "modelProfiles": {
                   "claude-e2e-write": {"backend": "fake", "providerModel": "cc-write", "retryAttempts": 1},
                   "claude-e2e-edit": {"backend": "fake", "providerModel": "cc-edit", "retryAttempts": 1},
                   "claude-3-haiku-latest": {"backend": "fake", "providerModel": "text", "retryAttempts": 1}}}
                """.formatted(port, container.baseUrl()));
    }

    private static String chunk(Map<String, Object> delta, String finish) throws IOException {
        return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("choices",
                List.of(new java.util.HashMap<>(Map.of("index", 0, "delta", delta)) {
                    {
                        put("finish_reason", finish);
                    }
                })));
    }

    /** A streamed tool call, its arguments in two pieces, as a canonical OpenAI provider sends it. */
    private static Script toolCall(String id, String name, Map<String, Object> input) throws IOException {
        String args = new ObjectMapper().writeValueAsString(input);
        int cut = args.length() / 2;
        return Script.sse(
                chunk(Map.of("role", "assistant", "content", ""), null),
                chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "id", id, "type", "function",
                        "function", Map.of("name", name, "arguments", "")))), null),
                chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "function", Map.of("arguments", args.substring(0, cut))))), null),
                chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "function", Map.of("arguments", args.substring(cut))))), null),
                chunk(Map.of(), "tool_calls"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":9000,\"completion_tokens\":40}}",
                "[DONE]");
    }

    private static Script text(String text) throws IOException {
        return Script.sse(chunk(Map.of("content", text), null), chunk(Map.of(), "stop"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":9100,\"completion_tokens\":6}}", "[DONE]");
    }

    /** Runs {@code ./claudia claude --config ... --model alias <claude args>} in {@code project}. */
    private static JsonNode runClaude(Path project, String alias, String prompt) throws Exception {
        Path home = Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();
        Path userHome = Files.createTempDirectory("claude-home");
        List<String> command = new ArrayList<>(List.of(home.resolve("claudia").toString(), "claude",
                "--config", config.toString(), "--model", alias,
                "-p", prompt, "--output-format", "json", "--permission-mode", "acceptEdits"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_") || k.startsWith("CLAUDIA_"));
        env.put("HOME", userHome.toString());
        env.put("CLAUDE_BIN", claude.toString());
        env.put("FAKE_API_KEY", "sk-fake");
        env.put("CLAUDIA_LOG_FILE", userHome.resolve("router.log").toString());
        Path stdout = userHome.resolve("stdout.json");
        Path stderr = userHome.resolve("stderr.txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean done = process.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        String report = "stdout: " + Files.readString(stdout) + "\nstderr: " + Files.readString(stderr) + "\nrouter log: "
                + (Files.exists(userHome.resolve("router.log")) ? Files.readString(userHome.resolve("router.log")) : "-");
        assertTrue(done, "claude finished within 3 minutes\n" + report);
        assertEquals(0, process.exitValue(), report);
        JsonNode result = new ObjectMapper().readTree(Files.readString(stdout));
        assertFalse(result.get("is_error").asBoolean(), report);
        return result;
    }

    @Test
    void claude_code_creates_a_file_with_the_write_tool(@TempDir Path project) throws Exception {
        Path hello = project.resolve("hello.md").toAbsolutePath();
        fake.script("cc-write", toolCall("call_write_1", "Write", Map.of("file_path", hello.toString(),
                "content", "# Hello\n\nWritten through Claudia Router.\n")), text("Created hello.md."));

        JsonNode result = runClaude(project, "claude-e2e-write", "create hello.md");

        assertEquals("# Hello\n\nWritten through Claudia Router.\n", Files.readString(hello));
        assertEquals("Created hello.md.", result.get("result").asText());
        assertTrue(result.get("num_turns").asInt() >= 2, result.toString());
        List<JsonNode> sent = fake.requests("cc-write");
        record("write", sent);
        assertEquals(2, sent.size(), "one request per turn");
        JsonNode first = sent.getFirst().get("body");
        assertTrue(first.get("stream").asBoolean());
        assertEquals(24, first.get("tools").size(), "all of Claude Code's tools, as functions");
        assertEquals("system", first.at("/messages/0/role").asText());
        JsonNode second = sent.get(1).get("body").get("messages");
        JsonNode toolMessage = second.get(second.size() - 1);
        assertEquals("tool", toolMessage.get("role").asText());
        assertEquals("call_write_1", toolMessage.get("tool_call_id").asText());
    }

    @Test
    void claude_code_reads_then_edits_an_existing_file(@TempDir Path project) throws Exception {
        Path notes = project.resolve("notes.txt").toAbsolutePath();
        Files.writeString(notes, "old line\n");
        fake.script("cc-edit", toolCall("call_read_1", "Read", Map.of("file_path", notes.toString())),
                toolCall("call_edit_1", "Edit", Map.of("file_path", notes.toString(), "old_string", "old line",
                        "new_string", "new line")), text("Edited notes.txt."));

        JsonNode result = runClaude(project, "claude-e2e-edit", "change old line to new line in notes.txt");

        assertEquals("new line\n", Files.readString(notes));
        assertEquals("Edited notes.txt.", result.get("result").asText());
        List<JsonNode> sent = fake.requests("cc-edit");
        record("edit", sent);
        assertEquals(3, sent.size());
        JsonNode afterRead = sent.get(1).get("body").get("messages");
        assertTrue(afterRead.get(afterRead.size() - 1).get("content").asText().contains("old line"),
                "the Read result came back to the model: " + afterRead);
    }

    private static void record(String name, List<JsonNode> requests) throws IOException {
        Path out = Path.of("target", "claude-code-requests-" + name + ".json");
        ArrayNode all = JSON.createArrayNode();
        requests.forEach(all::add);
        Files.writeString(out, JSON.writeValueAsString(all));
    }
}
