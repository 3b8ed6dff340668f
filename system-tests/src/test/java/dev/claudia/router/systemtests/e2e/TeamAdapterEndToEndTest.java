package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.PackagedCommand;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import dev.claudia.router.systemtests.fake.Script.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team's own adapter, installed the way a user installs one: the example {@code acme-gateway} jar
 * (examples/acme-gateway, built separately; no module of the router depends on it) in an adapters
 * folder of the packaged router, or on its module path, selected by {@code "adapter": "acme-gateway"}.
 * Requests reach it JSON and streamed, its option problems join the start-up report with their
 * paths, an unknown adapter name lists it among the installed ones, a jar that cannot be loaded
 * stops start-up naming the jar, and {@code claudia check} judges it like any other adapter.
 * The gateway it speaks to is the fake provider in its container, scripted in the gateway's protocol;
 * the last test uses the config docs/adapters.md shows for it.
 */
class TeamAdapterEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "acme-e2e-key-7";

    private static FakeOpenAiAdmin fake;
    private static String gateway;
    private static Path jar;
    private static Path adapters;

    @BeforeAll
    static void setUp() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        gateway = "http://127.0.0.1:" + container.port() + "/gw/v2";
        jar = Path.of(System.getProperty("team.adapter.jar", "../examples/acme-gateway/target/acme-gateway-adapter.jar"));
        assertTrue(Files.isRegularFile(jar), "build the example adapter first (./mvnw verify builds it): " + jar);
        adapters = Files.createTempDirectory("claudia-adapters");
        Files.copy(jar, adapters.resolve(jar.getFileName()));
    }

    private static ObjectNode config(String backendOptions, String profileOptions, String model) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"defaultBackend": "acme",
                 "backends": {"acme": {"adapter": "acme-gateway", "baseUrl": "%s", "apiKeyEnv": "ACME_API_KEY",
                                       "defaultModel": "%s", "options": %s}},
                 "modelProfiles": {"claude-acme": {"backend": "acme", "providerModel": "%s", "options": %s}}}
                """.formatted(gateway, model, backendOptions, model, profileOptions));
    }

    private static Script ndjson(String... lines) {
        Frame[] frames = new Frame[lines.length];
        for (int i = 0; i < lines.length; i++) {
            frames[i] = Frame.raw(lines[i] + "\n");
        }
        return Script.frames(frames).header("Content-Type", "application/x-ndjson").keepAliveMs(0);
    }

    private static HttpResponse<String> post(URI base, boolean stream) throws Exception {
        return dev.claudia.router.systemtests.secrets.RecordingClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/messages"))
                .header("x-api-key", "any").header("content-type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-acme\",\"max_tokens\":50,\"stream\":" + stream
                        + ",\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requests_reach_the_adapter_from_the_adapters_folder_whole_and_streamed() throws Exception {
        fake.script("acme-e2e-large",
                Script.json("{\"id\":\"gen-1\",\"output\":\"Hello from Acme.\",\"finish\":\"stop\",\"usage\":{\"input\":9,\"output\":4}}"),
                ndjson("{\"delta\":\"Hello \"}", "{\"delta\":\"streamed.\"}", "{\"finish\":\"stop\",\"usage\":{\"input\":9,\"output\":2}}"));
        try (LaunchedRouter router = LaunchedRouter.start(config("{\"tenant\":\"research\"}", "{\"priority\":\"batch\"}",
                "acme-e2e-large"), Map.of("CLAUDIA_ADAPTERS", adapters.toString(), "ACME_API_KEY", KEY))) {
            HttpResponse<String> whole = post(router.baseUri(), false);
            assertEquals(200, whole.statusCode(), whole.body() + router.log());
            JsonNode answer = JSON.readTree(whole.body());
            assertEquals("Hello from Acme.", answer.at("/content/0/text").asText());
            assertEquals("claude-acme", answer.get("model").asText());
            assertEquals(4, answer.at("/usage/output_tokens").asInt());

            HttpResponse<String> stream = post(router.baseUri(), true);
            assertEquals(200, stream.statusCode(), stream.body());
            assertTrue(stream.body().contains("\"text\":\"Hello \"") && stream.body().contains("\"text\":\"streamed.\"")
                    && stream.body().contains("event: message_stop"), stream.body());

            String log = router.log();
            assertTrue(log.contains("provider adapters: acme-gateway, anthropic, openai-chat, openai-responses (with the adapters folder "
                    + adapters + ")"), log);
            assertTrue(log.contains("backend acme (acme-gateway)"), log);
            assertFalse(log.contains("Exception"), log);
        }
        List<JsonNode> received = fake.requests("acme-e2e-large");
        assertEquals(2, received.size());
        JsonNode first = received.getFirst();
        assertEquals("/gw/v2/generate", first.get("path").asText());
        assertEquals("Bearer " + KEY, first.at("/headers/authorization").asText());
        assertEquals("research", first.at("/headers/x-acme-tenant").asText());
        assertEquals("batch", first.at("/headers/x-acme-priority").asText());
        assertEquals(JSON.readTree("{\"model\":\"acme-e2e-large\",\"system\":\"Be brief.\",\"turns\":[{\"role\":\"user\","
                + "\"text\":\"Hello\"}],\"maxTokens\":50,\"stream\":false}"), first.get("body"));
        assertTrue(received.get(1).at("/body/stream").asBoolean());
    }

    @Test
    void claudia_claude_runs_a_session_through_it_too() throws Exception {
        fake.script("acme-e2e-session",
                Script.json("{\"id\":\"gen-3\",\"output\":\"Hi from the session.\",\"finish\":\"stop\"}"));
        Path dir = Files.createTempDirectory("claudia-session");
        Path claude = Files.writeString(dir.resolve("claude"), """
                #!/bin/sh
                curl -s "$ANTHROPIC_BASE_URL/v1/messages" -H "authorization: Bearer $ANTHROPIC_AUTH_TOKEN" \\
                  -H 'content-type: application/json' \\
                  -d '{"model":"'"$ANTHROPIC_MODEL"'","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}'
                """);
        Files.setPosixFilePermissions(claude, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(dir.resolve("config.json"), config("{\"tenant\":\"research\"}", "{}",
                "acme-e2e-session").toString());
        PackagedCommand.Result session = PackagedCommand.run(List.of(), Map.of("CLAUDIA_ADAPTERS", adapters.toString(),
                "ACME_API_KEY", KEY, "CLAUDE_BIN", claude.toString(), "CLAUDIA_LOG_FILE", dir.resolve("router.log").toString()),
                "claude", "--config", file.toString(), "--model", "claude-acme");
        assertEquals(0, session.exit(), session.toString());
        assertTrue(session.out().contains("\"text\":\"Hi from the session.\""), session.toString());
    }

    @Test
    void its_option_problems_and_an_unknown_adapter_name_are_in_the_one_start_up_report() throws Exception {
        ObjectNode config = config("{\"priority\":\"urgent\"}", "{\"tenant\":\"research\"}", "acme-e2e-bad");
        ((ObjectNode) config.get("backends")).set("typo", JSON.readTree("{\"adapter\":\"acme-gatway\",\"baseUrl\":\""
                + gateway + "\",\"defaultModel\":\"m\"}"));
        LaunchedRouter.Exit exit = LaunchedRouter.runToExit(config, Map.of("CLAUDIA_ADAPTERS", adapters.toString()));

        assertEquals(2, exit.code(), exit.output());
        String out = exit.output();
        assertTrue(out.contains("invalid configuration (4 problems):"), out);
        assertTrue(out.contains(": backends.acme.options.priority: must be one of \"interactive\", \"batch\""), out);
        assertTrue(out.contains(": backends.acme.options.tenant: required: the gateway bills every request to a tenant"), out);
        assertTrue(out.contains(": backends.typo.adapter: unknown adapter 'acme-gatway' for backend 'typo' (installed: "
                + "acme-gateway, anthropic, openai-chat, openai-responses)"), out);
        assertTrue(out.contains(": modelProfiles.claude-acme.options.tenant: set it on the backend: one gateway key bills "
                + "one tenant"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void a_jar_that_cannot_be_loaded_stops_start_up_naming_it() throws Exception {
        Path folder = Files.createTempDirectory("claudia-adapters-broken");
        Files.copy(jar, folder.resolve(jar.getFileName()));
        Path broken = Files.writeString(folder.resolve("half-downloaded.jar"), "PK not really");
        LaunchedRouter.Exit exit = LaunchedRouter.runToExit(config("{\"tenant\":\"research\"}", "{}", "m"),
                Map.of("CLAUDIA_ADAPTERS", folder.toString()));

        assertEquals(1, exit.code(), exit.output());
        assertTrue(exit.output().contains("claudia: cannot start: cannot load the adapter jar " + broken + ": "), exit.output());
        assertTrue(exit.output().contains("(remove it from " + folder + ", or replace it with a jar built from the "
                + "adapter's module)"), exit.output());
        assertFalse(exit.output().contains("Exception in thread"), exit.output());
    }

    /** docs/adapters.md's config for the example adapter, pointed at the fake. */
    private static String documentedConfig() throws Exception {
        String doc = Files.readString(LaunchedRouter.home().resolve("docs/adapters.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```json\n(\\{[^`]*\"acme-gateway\"[^`]*)```")
                .matcher(doc);
        assertTrue(block.find(), "docs/adapters.md shows a config for the example adapter");
        String config = block.group(1);
        assertTrue(config.contains("https://ai-gateway.acme.internal/v2"), config);
        return config.replace("https://ai-gateway.acme.internal/v2", gateway);
    }

    @Test
    void on_the_module_path_too_and_claudia_check_judges_it_like_any_other_adapter() throws Exception {
        fake.script("acme-large",
                Script.json("{\"id\":\"gen-2\",\"output\":\"pong\",\"finish\":\"stop\",\"usage\":{\"input\":12,\"output\":1}}"),
                ndjson("{\"delta\":\"1 2 3 \"}", "{\"delta\":\"4 5\"}", "{\"finish\":\"stop\",\"usage\":{\"input\":14,\"output\":9}}"),
                ndjson("{\"delta\":\"I cannot look that up.\"}", "{\"finish\":\"stop\"}"),
                ndjson("{\"delta\":\"42\"}", "{\"finish\":\"stop\"}"));
        Path file = Files.createTempFile("claudia-acme", ".json");
        Files.writeString(file, documentedConfig());
        int before = fake.requests("acme-large").size();
        PackagedCommand.Result result = PackagedCommand.run(List.of(jar), Map.of("ACME_API_KEY", KEY),
                "check", "--config", file.toString());

        System.out.println(result); // the table, in this class's surefire output
        assertEquals(1, result.exit(), "tools cannot work through this gateway: " + result);
        String row = result.out().lines().filter(l -> l.startsWith("claude-acme ")).findFirst().orElseThrow();
        List<String> cells = List.of(row.split(" {2,}"));
        assertEquals("acme", cells.get(1));
        // reachable (timed by the first answer: this adapter has no model list), key, model, text, stream, tools, thinking
        assertTrue(cells.get(3).startsWith("ok ") && cells.get(4).equals("ok") && cells.get(5).equals("ok")
                && cells.get(6).startsWith("ok ") && cells.get(7).startsWith("ok ") && cells.get(8).startsWith("FAIL ")
                && cells.get(9).equals("off"), row);
        assertTrue(result.out().contains("  claude-acme tools: the acme-gateway adapter cannot pass tools on: the Acme "
                + "gateway has no tool calling"), result.out());
        assertTrue(result.out().contains("  claude-acme thinking: not enabled: the acme-gateway adapter does not carry "
                + "thinking for this profile (the Acme gateway has no reasoning mode)"), result.out());
        List<JsonNode> sent = fake.requests("acme-large");
        assertEquals(4, sent.size() - before, "four probes, each once");
        assertEquals("batch", sent.getLast().at("/headers/x-acme-priority").asText(), "the documented profile option");
    }
}
