package dev.claudia.router.systemtests.fake;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake provider image builds FROM scratch, runs on the host network, and does what the contract tests rely on. */
class FakeOpenAiContainerTest {

    private final FakeOpenAiContainer fake = FakeOpenAiContainer.shared();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void answers_scripted_and_built_in_requests_and_records_them() throws Exception {
        fake.admin().script("smoke-json", Script.json("{\"choices\":[{\"message\":{\"content\":\"scripted\"}}]}"));
        HttpResponse<String> scripted = client.send(HttpRequest.newBuilder(fake.baseUrl().resolve("v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smoke-json\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(scripted.body().contains("scripted"), scripted.body());
        List<JsonNode> recorded = fake.admin().requests("smoke-json");
        assertEquals(1, recorded.size());
        assertEquals("/v1/chat/completions", recorded.getFirst().get("path").asText());

        HttpResponse<String> builtIn = client.send(HttpRequest.newBuilder(fake.baseUrl().resolve("v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"text\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(builtIn.body().contains("Hello from fake-openai."), builtIn.body());
    }

    @Test
    void streams_frames_with_their_delays() throws Exception {
        fake.admin().script("smoke-sse", Script.sse("one", "two", "[DONE]").frameDelayMs(300));
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(fake.baseUrl().resolve("v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smoke-sse\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String line;
        while (!(line = reader.readLine()).equals("data: one")) {
            assertTrue(line.isEmpty() || line.startsWith(":"), line);
        }
        long first = System.nanoTime() - start;
        while ((line = reader.readLine()) != null && !line.equals("data: [DONE]")) {
            // keep reading
        }
        long last = System.nanoTime() - start;
        assertTrue(last - first > 400_000_000L, "frames are spread out: first " + first / 1_000_000 + " ms, last "
                + last / 1_000_000 + " ms");
    }
}
