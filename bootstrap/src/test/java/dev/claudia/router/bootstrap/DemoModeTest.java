package dev.claudia.router.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README promise: with no API key, the shipped config still answers, from the labelled demo backend. */
class DemoModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED_CONFIG = Path.of("../config.json");
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(URI base, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/v1/messages")).header("x-api-key", "anything")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void without_a_key_the_shipped_config_answers_from_the_labelled_demo_backend() throws Exception {
        try (ClaudiaServer server = ClaudiaServer.start(new ServerOptions(SHIPPED_CONFIG, Map.of(), "127.0.0.1", 0))) {
            assertTrue(server.notes().stream().anyMatch(n -> n.startsWith("DEMO MODE") && n.contains("NVIDIA_API_KEY")),
                    server.notes().toString());
            assertTrue(server.notes().contains("aliases (routed like their profile, not listed in /v1/models): "
                    + "claude-3-5-sonnet-latest -> claude-step-3.5-flash, claude-3-5-sonnet-glm -> claude-glm-4.7, "
                    + "claude-opus-4-1 -> claude-glm-4.7, claude-3-5-sonnet-qwen -> claude-qwen-3.5, "
                    + "claude-3-haiku-latest -> claude-nemotron-nano-9b"), server.notes().toString());
            // The old names still answer, through their profiles (the demo text names the provider model).
            HttpResponse<String> response = post(server.baseUri(),
                    "{\"model\":\"claude-3-5-sonnet-latest\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}");
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("claudia-demo:claude-3-5-sonnet-latest", body.get("model").asText());
            String text = body.at("/content/0/text").asText();
            assertTrue(text.contains("demo backend") && text.contains("NVIDIA_API_KEY") && text.contains("Hello there")
                    && text.contains("stepfun-ai/step-3.5-flash"), text);
            assertTrue(body.at("/usage/input_tokens").asInt() > 0);

            HttpResponse<String> streamed = post(server.baseUri(),
                    "{\"model\":\"claude-3-haiku-latest\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertEquals(200, streamed.statusCode());
            assertTrue(streamed.body().startsWith("event: message_start"), streamed.body());
            assertTrue(streamed.body().contains("claudia-demo:claude-3-haiku-latest"));
            assertTrue(streamed.body().contains("nvidia/nvidia-nemotron-nano-9b-v2"), "the old name reaches the new small model");
            assertTrue(streamed.body().contains("event: message_stop"));

            JsonNode health = JSON.readTree(client.send(HttpRequest.newBuilder(server.baseUri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("demo", health.at("/backends/0/mode").asText());
            assertFalse(health.at("/backends/0/api_key_present").asBoolean());
        }
    }

    @Test
    void with_a_key_the_backend_is_live_and_the_key_is_never_shown() throws Exception {
        String secret = "nvapi-SECRET-1234567890";
        try (ClaudiaServer server = ClaudiaServer.start(new ServerOptions(SHIPPED_CONFIG,
                Map.of("NVIDIA_API_KEY", secret, "OPENROUTER_API_KEY", secret), "127.0.0.1", 0))) {
            assertFalse(server.notes().stream().anyMatch(n -> n.startsWith("DEMO")), server.notes().toString());
            assertFalse(server.notes().toString().contains(secret));
            String health = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertFalse(health.contains(secret), health);
            assertTrue(JSON.readTree(health).at("/backends/0/api_key_present").asBoolean());
            assertEquals("live", JSON.readTree(health).at("/backends/0/mode").asText());
        }
    }

    @Test
    void demo_mode_can_be_turned_off() {
        try (ClaudiaServer server = ClaudiaServer.start(new ServerOptions(SHIPPED_CONFIG, Map.of("CLAUDIA_DEMO", "off"),
                "127.0.0.1", 0))) {
            assertFalse(server.notes().stream().anyMatch(n -> n.startsWith("DEMO")));
            assertTrue(server.notes().stream().anyMatch(n -> n.contains("NVIDIA_API_KEY is not set: requests go without a key")));
        }
    }
}
