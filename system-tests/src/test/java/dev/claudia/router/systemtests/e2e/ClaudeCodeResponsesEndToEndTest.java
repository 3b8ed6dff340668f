package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.ResponsesEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code CLI through {@code ./claudia claude} on a profile of an
 * {@code openai-responses} backend (the fake's Responses endpoint, which checks every request like
 * OpenAI): the model reasons, then calls Write; Claude Code runs the tool and sends its next request
 * with the thinking block the router made, whose signature must bring the reasoning item (its
 * encrypted content, as the fake issued it) back upstream, right before the function call, with the
 * tool's output. What the CLI's requests became upstream is kept in
 * target/claude-code-requests-responses.json.
 */
class ClaudeCodeResponsesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void claude_code_reasons_and_writes_a_file_through_the_responses_api(@TempDir Path project, @TempDir Path dir)
            throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        FakeOpenAiAdmin fake = container.admin();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // nothing listens there: claudia claude starts its own router
        }
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"port": %d, "defaultBackend": "fake",
                 "backends": {"fake": {"baseUrl": "%s", "apiKeyEnv": "FAKE_API_KEY", "defaultModel": "text"},
                              "oai": {"adapter": "openai-responses", "baseUrl": "%s", "apiKeyEnv": "OAI_API_KEY",
                                      "defaultModel": "cc-responses"}},
                 "modelProfiles": {
                   "claude-sonnet-4-5": {"backend": "oai", "retryAttempts": 1},
                   "claude-3-haiku-latest": {"backend": "fake", "providerModel": "text", "retryAttempts": 1}}}
                """.formatted(port, container.baseUrl(), container.baseUrl()));
        Path hello = project.resolve("hello.md").toAbsolutePath();
        String encrypted = "gAAAAB-claude-code-" + System.nanoTime();
        fake.script("cc-responses",
                ResponsesEvents.start().reasoning("rs_cc1", encrypted, "**Writing the file**", "One Write call.")
                        .call("fc_cc1", "call_cc_write", "Write", "{\"file_path\":" + JSON.writeValueAsString(hello.toString())
                                + ",\"content\":\"# Hello\\n\\nWritten through the Responses API.\\n\"}")
                        .completed(ResponsesEvents.usage(9000, 0, 60, 40)),
                ResponsesEvents.start().text("msg_cc2", "Created ", "hello.md.").completed(ResponsesEvents.usage(9100, 8000, 6, 0)));

        JsonNode result = runClaude(project, config, "claude-sonnet-4-5", "create hello.md");

        assertEquals("# Hello\n\nWritten through the Responses API.\n", Files.readString(hello));
        assertEquals("Created hello.md.", result.get("result").asText());
        List<JsonNode> sent = fake.requests("cc-responses");
        ArrayNode all = JSON.createArrayNode();
        sent.forEach(all::add);
        Files.writeString(Path.of("target", "claude-code-requests-responses.json"), JSON.writeValueAsString(all));
        assertEquals(2, sent.size(), "one request per turn");
        JsonNode first = sent.getFirst().get("body");
        assertTrue(first.get("stream").asBoolean());
        assertTrue(first.has("reasoning"), "Claude Code asked for thinking: " + first.get("reasoning"));
        JsonNode input = sent.get(1).get("body").get("input");
        int reasoning = -1;
        for (int i = 0; i < input.size(); i++) {
            if (input.get(i).path("type").asText().equals("reasoning")) {
                reasoning = i;
            }
        }
        assertTrue(reasoning >= 0, "the reasoning item went back: " + input);
        assertEquals(encrypted, input.get(reasoning).get("encrypted_content").asText());
        assertEquals("function_call", input.get(reasoning + 1).get("type").asText());
        assertEquals("call_cc_write", input.get(reasoning + 1).get("call_id").asText());
        JsonNode output = input.get(reasoning + 2);
        assertEquals("function_call_output", output.get("type").asText());
        assertEquals("call_cc_write", output.get("call_id").asText());
    }

    /** Runs {@code ./claudia claude --config ... --model alias -p prompt} in {@code project}; the CLI's JSON result. */
    private static JsonNode runClaude(Path project, Path config, String alias, String prompt) throws Exception {
        Path home = Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();
        Path userHome = Files.createTempDirectory("claude-home");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("claudia").toString(), "claude", "--config",
                dev.claudia.router.systemtests.secrets.PlantedSecret.plant(config).toString(),
                "--model", alias, "-p", prompt, "--output-format", "json", "--permission-mode", "acceptEdits")
                .directory(project.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_") || k.startsWith("CLAUDIA_"));
        env.putAll(Map.of("HOME", userHome.toString(), "CLAUDE_BIN", ClaudeCodeCli.executable().toString(),
                "FAKE_API_KEY", "sk-fake", "OAI_API_KEY", "sk-proj-fake", "MAX_THINKING_TOKENS", "4000",
                dev.claudia.router.systemtests.secrets.PlantedSecret.ENV, dev.claudia.router.systemtests.secrets.PlantedSecret.VALUE,
                "CLAUDIA_LOG_FILE", userHome.resolve("router.log").toString()));
        Path stdout = userHome.resolve("stdout.json");
        Path stderr = userHome.resolve("stderr.txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean done = process.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        dev.claudia.router.systemtests.secrets.Recorder.copyLog("claude-router", userHome.resolve("router.log"));
        String report = "stdout: " + Files.readString(stdout) + "\nstderr: " + Files.readString(stderr) + "\nrouter log: "
                + (Files.exists(userHome.resolve("router.log")) ? Files.readString(userHome.resolve("router.log")) : "-");
        assertTrue(done, "claude finished within 3 minutes\n" + report);
        assertEquals(0, process.exitValue(), report);
        JsonNode result = new ObjectMapper().readTree(Files.readString(stdout));
        assertFalse(result.get("is_error").asBoolean(), report);
        return result;
    }
}
