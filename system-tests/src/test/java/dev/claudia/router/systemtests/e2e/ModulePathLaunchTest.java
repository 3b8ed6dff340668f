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
import java.time.Duration;
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
}
