package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.ResponsesEvents;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run path, for real: the packaged router started as a separate JVM on the module
 * path ({@code java --module-path ... -m dev.claudia.router.bootstrap/...}), with the shipped
 * config.json and no API key, answers a message from the labelled demo backend, streamed or not; and
 * a profile on an {@code openai-responses} backend (the fake's Responses endpoint) answers too, so
 * that adapter's descriptor (Jackson reading its wire records through {@code opens}) runs on the
 * module path. This is where the module descriptors of every module are exercised.
 */
class ModulePathLaunchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_packaged_router_runs_on_the_module_path_and_answers_without_a_key() throws Exception {
        FakeOpenAiContainer fake = FakeOpenAiContainer.shared();
        FakeOpenAiAdmin admin = fake.admin();
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(LaunchedRouter.home().resolve("config.json")));
        ((ObjectNode) config.get("backends")).set("oai", JSON.readTree("{\"adapter\":\"openai-responses\",\"baseUrl\":\""
                + fake.baseUrl() + "\",\"apiKeyEnv\":\"OAI_API_KEY\",\"defaultModel\":\"module-path-responses\"}"));
        ((ObjectNode) config.get("modelProfiles")).set("claude-responses", JSON.readTree("{\"backend\":\"oai\"}"));
        try (LaunchedRouter router = LaunchedRouter.start(config, Map.of("OAI_API_KEY", "sk-module-path"))) {
            HttpClient client = dev.claudia.router.systemtests.secrets.RecordingClient.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
            URI base = router.baseUri();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/v1/messages"))
                    .header("x-api-key", "any").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-3-5-sonnet-latest\",\"max_tokens\":100,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body() + "\n" + router.log());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("claudia-demo:claude-3-5-sonnet-latest", body.get("model").asText());
            assertTrue(body.at("/content/0/text").asText().contains("demo backend"));
            HttpResponse<String> stream = client.send(HttpRequest.newBuilder(base.resolve("/v1/messages?beta=true"))
                    .header("x-api-key", "any")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-3-haiku-latest\",\"max_tokens\":100,\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(stream.body().contains("event: message_stop"), stream.body());
            admin.script("module-path-responses", ResponsesEvents.start().text("msg_mp", "Hello ", "from Responses")
                    .completed(ResponsesEvents.usage(9, 0, 3, 0)));
            HttpResponse<String> responses = client.send(HttpRequest.newBuilder(base.resolve("/v1/messages"))
                    .header("x-api-key", "any")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-responses\",\"max_tokens\":100,\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(responses.body().contains("\"text\":\"from Responses\"") && responses.body().contains("event: message_stop"),
                    responses.body() + "\n" + router.log());
            assertEquals("module-path-responses", admin.lastBody("module-path-responses").get("model").asText());
            String output = router.log();
            assertTrue(output.contains("DEMO MODE"), output);
            assertTrue(output.contains("provider adapters: anthropic, openai-chat, openai-responses"),
                    "the adapter modules were found in the module layer by ServiceLoader: " + output);
            assertTrue(output.contains("claudia.request"), "one log line per request: " + output);
            assertTrue(!output.contains("Exception"), "no stack traces: " + output);
        }
    }

    /**
     * The start path comes from the build's ahead-of-time cache: the command line (Commons CLI and
     * the commands), config, wiring, Jersey and the first request's classes are read from the cache,
     * not loaded, verified and linked from the jars at each start (docs/performance.md). The training
     * run does not start through Main, so it must walk the command line itself; picocli, whose Java 5
     * bytecode the cache cannot hold, is gone.
     */
    @Test
    void a_start_reads_its_command_line_and_server_classes_from_the_aot_cache() throws Exception {
        Path target = LaunchedRouter.home().resolve("bootstrap/target");
        assertTrue(Files.isRegularFile(target.resolve("claudia.aot.jdk")), "the build trains a cache on JDK 25+");
        assertTrue(Files.readAllLines(target.resolve("claudia.aot.jdk")).contains("java.home=" + System.getProperty("java.home")),
                "run the system tests with the JDK that built the cache");
        Path classes = Files.createTempFile("claudia-classes", ".log");
        classes.toFile().deleteOnExit();
        try (LaunchedRouter router = LaunchedRouter.start(LaunchedRouter.home().resolve("config.json"), Map.of(),
                List.of("-Xlog:class+load=info:file=" + classes))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages"))
                    .header("x-api-key", "any").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-3-5-sonnet-latest\",\"max_tokens\":100,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        }
        Map<String, String> sources = new HashMap<>();
        for (String line : Files.readAllLines(classes)) {
            int source = line.indexOf(" source: ");
            if (source > 0) {
                sources.put(line.substring(line.lastIndexOf(' ', source - 1) + 1, source), line.substring(source + 9));
            }
        }
        for (String name : List.of("org.apache.commons.cli.DefaultParser", "org.apache.commons.cli.CommandLine",
                "dev.claudia.router.bootstrap.cli.ClaudiaCommand", "dev.claudia.router.bootstrap.cli.StartCommand",
                "dev.claudia.router.bootstrap.config.ConfigReader", "dev.claudia.router.bootstrap.Wiring",
                "org.glassfish.jersey.server.ApplicationHandler", "dev.claudia.router.adapters.http.MessagesResource")) {
            assertTrue(String.valueOf(sources.get(name)).startsWith("shared objects file"),
                    name + " should come from the AOT cache, came from " + sources.get(name));
        }
        assertTrue(sources.keySet().stream().noneMatch(c -> c.startsWith("picocli.")), "picocli is not loaded");
    }
}
