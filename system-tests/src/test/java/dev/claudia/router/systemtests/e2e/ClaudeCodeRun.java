package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.systemtests.fake.Script;
import dev.claudia.router.systemtests.secrets.PlantedSecret;
import dev.claudia.router.systemtests.secrets.Recorder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real Claude Code CLI in a project folder with its own throwaway {@code HOME}:
 * either through {@code ./claudia claude} (which starts a private router and sets the CLI's
 * environment) or straight at a router, as a user who sets {@code ANTHROPIC_BASE_URL} by hand does.
 * Also the provider answers the fake plays for it, as a canonical OpenAI provider streams them.
 */
final class ClaudeCodeRun {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a run left: exit code, output, and the log of the router {@code claudia claude} started (if any). */
    record Result(int exit, String stdout, String stderr, String routerLog) {
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr + "\nrouter log: " + routerLog;
        }
    }

    private final Path claude;
    private final Path project;
    private final Path home;

    /** @param home the CLI's {@code HOME}: keep it for {@code -c} to find the earlier session */
    ClaudeCodeRun(Path claude, Path project, Path home) {
        this.claude = claude;
        this.project = project;
        this.home = home;
    }

    Path home() {
        return home;
    }

    static Path newHome() throws IOException {
        return Files.createTempDirectory("claude-home");
    }

    /** {@code ./claudia claude --config CONFIG --model ALIAS ARGS...}. */
    Result viaClaudia(Path config, String alias, String... args) throws Exception {
        Path checkout = Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(checkout.resolve("claudia").toString(), "claude",
                "--config", PlantedSecret.plant(config).toString(), "--model", alias));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("CLAUDE_BIN", claude.toString());
        env.put("FAKE_API_KEY", "sk-fake");
        env.put(PlantedSecret.ENV, PlantedSecret.VALUE);
        env.put("CLAUDIA_LOG_FILE", home.resolve("router.log").toString());
        return run(command, env, null);
    }

    /**
     * The CLI straight at {@code router}, with what a user sets by hand (plus {@code extraEnv}):
     * no window is declared to the CLI.
     */
    Result direct(URI router, String alias, Map<String, String> extraEnv, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(claude.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of(
                "ANTHROPIC_BASE_URL", router.toString(),
                "ANTHROPIC_AUTH_TOKEN", "claudia-local",
                "ANTHROPIC_MODEL", alias,
                "ANTHROPIC_DEFAULT_HAIKU_MODEL", alias,
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"));
        env.putAll(extraEnv);
        return run(command, env, stdin);
    }

    private Result run(List<String> command, Map<String, String> extraEnv, String stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_") || k.startsWith("CLAUDIA_"));
        env.put("HOME", home.toString());
        env.putAll(extraEnv);
        Path out = Files.createTempFile(home, "stdout", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        } else {
            Path in = Files.createTempFile(home, "stdin", ".txt");
            Files.writeString(in, stdin);
            builder.redirectInput(in.toFile());
        }
        Process process = builder.start();
        boolean done = process.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Path log = home.resolve("router.log");
        Result result = new Result(done ? process.exitValue() : -1, Files.readString(out), Files.readString(err),
                Files.exists(log) ? Files.readString(log) : "-");
        // What the CLI printed is what it read from the router; the router's log is the router's.
        Recorder.response("claude " + String.join(" ", command.subList(1, command.size())), result.stdout() + "\n" + result.stderr());
        Recorder.copyLog("claude-router", log);
        if (!done) {
            throw new AssertionError("claude did not finish within 3 minutes\n" + result);
        }
        return result;
    }

    // --- provider answers ---------------------------------------------------------------------

    static String chunk(Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new HashMap<>(Map.of("index", 0, "delta", delta));
        choice.put("finish_reason", finish);
        try {
            return JSON.writeValueAsString(Map.of("choices", List.of(choice)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String usage(int promptTokens, int completionTokens) {
        return "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens + "}}";
    }

    /** A streamed tool call, its arguments in two pieces; the usage reports {@code promptTokens}. */
    static Script toolCall(String id, String name, Map<String, Object> input, int promptTokens) {
        return Script.sse(toolCallFrames(id, name, input, promptTokens, null).toArray(String[]::new));
    }

    /** Reasoning ({@code reasoning_content}) first, then the tool call. */
    static Script thinkingToolCall(String reasoning, String id, String name, Map<String, Object> input) {
        return Script.sse(toolCallFrames(id, name, input, 9000, reasoning).toArray(String[]::new));
    }

    private static List<String> toolCallFrames(String id, String name, Map<String, Object> input, int promptTokens,
                                               String reasoning) {
        String args;
        try {
            args = JSON.writeValueAsString(input);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int cut = args.length() / 2;
        List<String> frames = new ArrayList<>();
        frames.add(chunk(Map.of("role", "assistant", "content", ""), null));
        if (reasoning != null) {
            frames.add(chunk(Map.of("reasoning_content", reasoning), null));
        }
        frames.add(chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "id", id, "type", "function",
                "function", Map.of("name", name, "arguments", "")))), null));
        frames.add(chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "function", Map.of("arguments", args.substring(0, cut))))), null));
        frames.add(chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "function", Map.of("arguments", args.substring(cut))))), null));
        frames.add(chunk(Map.of(), "tool_calls"));
        frames.add(usage(promptTokens, 40));
        frames.add("[DONE]");
        return frames;
    }

    /**
     * Gemini's way: the whole call in one chunk, no index, its thought signature beside it in
     * {@code extra_content}, and {@code finish_reason: stop}.
     */
    static Script signedToolCall(String id, String name, Map<String, Object> input, String signature) {
        try {
            Map<String, Object> call = Map.of("id", id, "type", "function", "function",
                    Map.of("name", name, "arguments", JSON.writeValueAsString(input)),
                    "extra_content", Map.of("google", Map.of("thought_signature", signature)));
            return Script.sse(chunk(Map.of("role", "assistant", "content", ""), null), chunk(Map.of("tool_calls", List.of(call)),
                    null), chunk(Map.of(), "stop"), usage(9000, 40), "[DONE]");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Script text(String text) {
        return text(text, 9100);
    }

    static Script text(String text, int promptTokens) {
        return Script.sse(chunk(Map.of("content", text), null), chunk(Map.of(), "stop"), usage(promptTokens, 6), "[DONE]");
    }

    /** The last message of a provider request's conversation. */
    static JsonNode lastMessage(JsonNode request) {
        JsonNode messages = request.get("body").get("messages");
        return messages.get(messages.size() - 1);
    }

    static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        JsonNode tools = request.get("body").get("tools");
        if (tools != null) {
            tools.forEach(t -> names.add(t.at("/function/name").asText()));
        }
        return names;
    }

    static URI unusedPortUri() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
