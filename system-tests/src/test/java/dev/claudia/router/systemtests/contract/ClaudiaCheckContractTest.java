package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.systemtests.PackagedCommand;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import dev.claudia.router.systemtests.fake.Script.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code claudia check} run by the packaged router against the fake provider in a container: a
 * healthy profile on each shipped adapter, one whose tool calls come back broken, one whose key the
 * backend rejects, one whose backend is down and one whose key is not set. The table, the JSON and
 * the exit status are asserted, and what reached the fake: nothing for the profiles that cannot work.
 */
class ClaudiaCheckContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAKE_KEY = "sk-check-fake-0001";
    private static final String WRONG_KEY = "sk-check-wrong-9999";
    private static final String CLAUDE_KEY = "sk-ant-check-0002";

    private static FakeOpenAiAdmin fake;
    private static Path config;
    private static Map<String, String> env;

    @BeforeAll
    static void setUp() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        fake.acceptOpenAiKeys(FAKE_KEY);
        fake.acceptAnthropicKeys(CLAUDE_KEY);
        fake.listModels("check-healthy", "check-tools-broken", "check-claude");
        String fakeRoot = "http://127.0.0.1:" + container.port();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        config = Files.createTempFile("claudia-check", ".json");
        Files.writeString(config, """
                {"defaultBackend": "fake",
                 "backends": {
                   "fake": {"baseUrl": "%1$s/secured/v1", "apiKeyEnv": "FAKE_CHECK_API_KEY", "defaultModel": "check-healthy"},
                   "fake-wrong": {"baseUrl": "%1$s/secured/v1", "apiKeyEnv": "WRONG_CHECK_API_KEY", "defaultModel": "m"},
                   "down": {"baseUrl": "http://127.0.0.1:%2$d/v1", "apiKeyEnv": "DOWN_CHECK_API_KEY", "defaultModel": "m"},
                   "keyless": {"baseUrl": "https://api.keyless.example/v1", "apiKeyEnv": "UNSET_CHECK_API_KEY", "defaultModel": "m"},
                   "claude": {"adapter": "anthropic", "baseUrl": "%1$s/v1", "apiKeyEnv": "CLAUDE_CHECK_KEY", "defaultModel": "check-claude"}},
                 "modelProfiles": {
                   "healthy": {"backend": "fake", "providerModel": "check-healthy", "options": {"reasoning": "openrouter"},
                               "fallbacks": ["claude-healthy"]},
                   "tools-broken": {"backend": "fake", "providerModel": "check-tools-broken"},
                   "rejected": {"backend": "fake-wrong", "providerModel": "check-rejected"},
                   "unreachable": {"backend": "down"},
                   "no-key": {"backend": "keyless"},
                   "claude-healthy": {"backend": "claude", "providerModel": "check-claude"}},
                 "routingRules": [{"name": "everything", "when": {"model": ".*"}, "profile": "claude-healthy"}]}
                """.formatted(fakeRoot, closed));
        env = Map.of("FAKE_CHECK_API_KEY", FAKE_KEY, "WRONG_CHECK_API_KEY", WRONG_KEY, "DOWN_CHECK_API_KEY", "sk-down",
                "CLAUDE_CHECK_KEY", CLAUDE_KEY);
    }

    /** What these models' backends answer to the four probes, in the order they come. */
    private static void script(String... models) {
        List<String> scripted = List.of(models);
        if (scripted.contains("check-healthy")) {
            scriptHealthy();
        }
        if (scripted.contains("check-tools-broken")) {
            scriptToolsBroken();
        }
        if (scripted.contains("check-claude")) {
            scriptClaude();
        }
    }

    private static void scriptHealthy() {
        fake.script("check-healthy",
                Script.json("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                        + "\"assistant\",\"content\":\"pong\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":14,"
                        + "\"completion_tokens\":1}}"),
                Script.sse(chunk("{\"role\":\"assistant\",\"content\":\"1 2 3\"}"), chunk("{\"content\":\" 4 5\"}"),
                        finish("stop"), "[DONE]"),
                Script.sse(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                                + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}"),
                        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}"),
                        finish("tool_calls"), "[DONE]"),
                Script.sse(chunk("{\"reasoning_content\":\"17 + 25 = 42\"}"), chunk("{\"content\":\"42\"}"), finish("stop"),
                        "[DONE]"));
    }

    private static void scriptToolsBroken() {
        fake.script("check-tools-broken",
                Script.json("{\"id\":\"c2\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                        + "\"pong\"},\"finish_reason\":\"stop\"}]}"),
                Script.sse(chunk("{\"content\":\"1 2 3 4 5\"}"), finish("stop"), "[DONE]"),
                Script.sse(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_2\",\"type\":\"function\",\"function\":"
                                + "{\"name\":\"get_weather\",\"arguments\":\"city=Paris&unit=celsius\"}}]}"),
                        finish("tool_calls"), "[DONE]"),
                Script.sse(chunk("{\"content\":\"42\"}"), finish("stop"), "[DONE]"));
    }

    private static void scriptClaude() {
        fake.script("check-claude",
                Script.json("{\"id\":\"msg_c1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"check-claude\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"pong\"}],\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":2}}"),
                anthropic(block(0, "{\"type\":\"text\",\"text\":\"\"}", "{\"type\":\"text_delta\",\"text\":\"1 2 3 4 5\"}"),
                        "end_turn"),
                anthropic(block(0, "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}",
                        "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Paris\\\"}\"}"), "tool_use"),
                anthropic(block(0, "{\"type\":\"thinking\",\"thinking\":\"\"}",
                                "{\"type\":\"thinking_delta\",\"thinking\":\"17 + 25\"}")
                        + block(1, "{\"type\":\"text\",\"text\":\"\"}", "{\"type\":\"text_delta\",\"text\":\"42\"}"), "end_turn"));
    }

    private static String chunk(String delta) {
        return "{\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":null}]}";
    }

    private static String finish(String reason) {
        return "{\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\""
                + reason + "\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":6}}";
    }

    /** One content block's three frames, separated by a blank line each (the frames of {@link #anthropic}). */
    private static String block(int index, String start, String delta) {
        return "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":" + start + "}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":"
                + delta + "}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":" + index + "}\n\n";
    }

    private static Script anthropic(String blocks, String stopReason) {
        String frames = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_c\",\"type\":"
                + "\"message\",\"role\":\"assistant\",\"model\":\"check-claude\",\"content\":[],\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":15,\"output_tokens\":1}}}\n\n" + blocks
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        return Script.frames(Pattern.compile("(?<=\n\n)").splitAsStream(frames).map(Frame::raw).toArray(Frame[]::new));
    }

    private static PackagedCommand.Result check(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "check";
        all[1] = "--config";
        all[2] = config.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return PackagedCommand.run(List.of(), env, all);
    }

    /** The table row of a profile, its cells split on runs of two or more spaces. */
    private static List<String> row(String table, String profile) {
        return table.lines().filter(l -> l.startsWith(profile + " ")).findFirst()
                .map(l -> List.of(l.split(" {2,}"))).orElseThrow(() -> new AssertionError("no row for " + profile + ":\n" + table));
    }

    private static void assertCells(List<String> row, String... expected) {
        assertEquals(expected.length, row.size() - 3 - 1, "seven checks: " + row);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(row.get(3 + i).matches(expected[i]), "column " + i + " of " + row + " should match " + expected[i]);
        }
    }

    private static final String[] SCRIPTED = {"check-healthy", "check-tools-broken", "check-claude"};

    @Test
    void the_table_has_a_row_per_profile_a_reason_per_failure_and_exit_status_1() throws Exception {
        script(SCRIPTED);
        int before = fake.requests("check-healthy").size();
        PackagedCommand.Result result = check();

        System.out.println(result); // the table, in this class's surefire output
        assertEquals(1, result.exit(), result.toString());
        String out = result.out();
        assertTrue(result.err().contains("6 profiles of " + config.toAbsolutePath()) && result.err().contains("at most 1472 "
                + "output tokens"), "it says what it spends before it spends it: " + result.err());
        String time = "(ok|FAIL) \\d+(ms|\\.\\ds)";
        assertCells(row(out, "healthy"), time, "ok", "ok", time, time, time, time);
        assertCells(row(out, "claude-healthy"), time, "ok", "ok", time, time, time, time);
        assertTrue(row(out, "healthy").stream().noneMatch(c -> c.startsWith("FAIL")), row(out, "healthy").toString());
        assertCells(row(out, "tools-broken"), "ok \\d.*", "ok", "ok", "ok.*", "ok.*", "FAIL.*", "off");
        assertCells(row(out, "rejected"), "ok", "FAIL.*", "-", "-", "-", "-", "-");
        assertCells(row(out, "unreachable"), "FAIL.*", "-", "-", "-", "-", "-", "-");
        assertCells(row(out, "no-key"), "-", "FAIL", "-", "-", "-", "-", "-");

        assertTrue(out.contains("  tools-broken tools: fake answered something the openai-chat adapter cannot read\n"
                + "      (backend 'fake' returned arguments for tool 'get_weather' that are not valid JSON and could not be "
                + "repaired: city=Paris&unit=celsius)"), out);
        assertTrue(out.contains("  rejected key: 401 from fake-wrong: WRONG_CHECK_API_KEY rejected; check the key, or set a "
                + "new one\n      (backend 'fake-wrong' rejected the API key (HTTP 401); check WRONG_CHECK_API_KEY: Incorrect "
                + "API key provided: sk-************9999."), out);
        assertTrue(Pattern.compile("  unreachable reachable: cannot reach down at http://127\\.0\\.0\\.1:\\d+/v1: is it "
                + "running\\? check backends\\.down\\.baseUrl\n      \\(could not reach backend 'down' at .*: connection refused\\)")
                .matcher(out).find(), out);
        assertTrue(out.contains("  no-key key: key not set: UNSET_CHECK_API_KEY is empty"), out);
        assertTrue(out.contains("  tools-broken thinking: not enabled: the openai-chat adapter does not carry thinking for "
                + "this profile (route has no reasoning dialect (options.reasoning))"), out);
        assertTrue(out.contains("\n4 of 6 profiles failed; "), out);
        assertFalse(out.contains(WRONG_KEY) || out.contains(FAKE_KEY) || result.err().contains(FAKE_KEY), "keys never shown");

        assertEquals(List.of(), fake.requests("check-rejected"), "a refused key costs no request: the model list said so");
        assertEquals(4, fake.requests("check-healthy").size() - before, "each probe once, not routed by the routing rule, "
                + "no retries, no fallback to claude-healthy");
        for (JsonNode left : fake.remainingScripts()) {
            if (List.of(SCRIPTED).contains(left.get("model").asText())) {
                assertTrue(left.path("responses").isEmpty(), "every scripted answer was asked for: " + left);
            }
        }
    }

    @Test
    void json_gives_the_same_verdicts_for_machines() throws Exception {
        script(SCRIPTED);
        PackagedCommand.Result result = check("--json");

        assertEquals(1, result.exit(), result.toString());
        JsonNode json = JSON.readTree(result.out());
        assertFalse(json.get("ok").asBoolean());
        assertEquals(1472, json.at("/budget/maxOutputTokensPerProfile").asInt());
        Map<String, JsonNode> profiles = new java.util.LinkedHashMap<>();
        json.get("profiles").forEach(p -> profiles.put(p.get("profile").asText(), p));
        assertEquals(List.of("healthy", "tools-broken", "rejected", "unreachable", "no-key", "claude-healthy"),
                List.copyOf(profiles.keySet()));
        JsonNode healthy = profiles.get("healthy");
        assertTrue(healthy.get("ok").asBoolean(), healthy.toString());
        assertEquals("listed", healthy.at("/checks/model/detail").asText());
        assertEquals("get_weather {\"city\":\"Paris\"}", healthy.at("/checks/tools/detail").asText());
        assertEquals("ok", healthy.at("/checks/thinking/status").asText());
        assertTrue(healthy.at("/checks/stream/ms").asLong() >= 0);
        assertEquals(20 + 20 + 20 + 14, healthy.at("/tokens/input").asInt(), "as the fake reported");
        assertEquals("anthropic", profiles.get("claude-healthy").get("adapter").asText());
        assertTrue(profiles.get("claude-healthy").get("ok").asBoolean(), profiles.get("claude-healthy").toString());
        assertEquals("malformed_response", profiles.get("tools-broken").at("/checks/tools/failure/kind").asText());
        assertEquals("off", profiles.get("tools-broken").at("/checks/thinking/status").asText());
        assertEquals(401, profiles.get("rejected").at("/checks/key/failure/status").asInt());
        assertEquals("skip", profiles.get("rejected").at("/checks/text/status").asText());
        assertEquals("unreachable", profiles.get("unreachable").at("/checks/reachable/failure/kind").asText());
        assertEquals("fail", profiles.get("no-key").at("/checks/key/status").asText());
    }

    @Test
    void named_profiles_that_work_exit_0_and_an_unknown_name_is_a_usage_error() throws Exception {
        script("check-healthy", "check-claude");
        PackagedCommand.Result good = check("--profile", "healthy", "--profile", "claude-healthy");
        assertEquals(0, good.exit(), good.toString());
        assertTrue(good.out().contains("\nall 2 profiles work; "), good.out());
        assertFalse(good.out().contains("tools-broken"), good.out());

        PackagedCommand.Result unknown = check("--profile", "helthy");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown profile 'helthy' (profiles: healthy, tools-broken, rejected, unreachable, "
                + "no-key, claude-healthy)"), unknown.err());
    }
}
