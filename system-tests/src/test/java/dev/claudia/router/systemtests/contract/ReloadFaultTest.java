package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Editing config.json under load, against the packaged router: clients stream back to back while
 * the file flips one profile between two provider models a dozen times; not one request fails, and
 * both targets serve. Then an invalid edit: the router goes on serving the config in force, and
 * {@code /health} names every problem with its JSON path.
 */
class ReloadFaultTest {

    private static final int CLIENTS = 6;
    private static final HttpClient client = dev.claudia.router.systemtests.secrets.RecordingClient.newHttpClient();

    private static ObjectNode config(String url, String target) {
        ObjectNode config = RouterUnderTest.JSON.createObjectNode().put("port", 0).put("defaultBackend", "fake");
        config.putObject("backends").putObject("fake").put("baseUrl", url).put("apiKeyEnv", "FAKE_API_KEY")
                .put("defaultModel", "text");
        config.putObject("modelProfiles").putObject("claude-reload").put("backend", "fake").put("providerModel", target)
                .put("retryAttempts", 1);
        return config;
    }

    private static String stream(LaunchedRouter router, String text) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages"))
                .header("x-api-key", "k").timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-reload\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"" + text + "\"}]}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode() + ": " + new String(response.body().readAllBytes()));
        }
        List<Sse.Frame> frames = new Sse(response.body()).rest();
        if (!frames.getLast().event().equals("message_stop")) {
            throw new AssertionError("ended with " + Sse.names(frames));
        }
        return Sse.text(frames);
    }

    private static JsonNode health(LaunchedRouter router) throws Exception {
        return RouterUnderTest.JSON.readTree(client.send(HttpRequest.newBuilder(router.baseUri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void edits_under_load_fail_no_request_and_an_invalid_edit_keeps_serving() throws Exception {
        String url = FakeOpenAiContainer.shared().baseUrl().toString();
        // the fake's built-in scenarios: "text" answers a fixed sentence, "echo" the user's words
        try (LaunchedRouter router = LaunchedRouter.start(config(url, "text"), Map.of("FAKE_API_KEY", "sk-fake-reload-key"))) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            Set<String> answers = ConcurrentHashMap.newKeySet();
            ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                load.submit(() -> {
                    while (running.get()) {
                        try {
                            answers.add(stream(router, "echo me"));
                            served.incrementAndGet();
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                });
            }
            for (int flip = 0; flip < 12; flip++) {
                Thread.sleep(400);
                Files.writeString(router.configFile(), config(url, flip % 2 == 0 ? "echo" : "text").toPrettyString());
            }
            Thread.sleep(800);
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(List.of(), failures, "no request failed while the config changed");
            assertTrue(served.get() >= 2 * CLIENTS, "under load: " + served.get() + " streams");
            assertEquals(Set.of("Hello from fake-openai.", "echo me"), answers, "both targets served");
            assertTrue(health(router).path("config").path("generation").asInt() > 2, health(router).toString());

            ObjectNode broken = config(url, "text");
            broken.with("modelProfiles").with("claude-reload").put("backend", "nowhere").put("retryAttempts", 99);
            Files.writeString(router.configFile(), broken.toPrettyString());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (health(router).path("config").path("problems").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String problems = health(router).path("config").path("problems").toString();
            assertTrue(problems.contains("modelProfiles.claude-reload.backend: unknown backend 'nowhere'"), problems);
            assertTrue(problems.contains("modelProfiles.claude-reload.retryAttempts: must be between 1 and 20"), problems);
            assertTrue(stream(router, "still here").length() > 0, "the config in force still serves");
            assertTrue(router.log().contains("was edited but not applied (2 problem(s))"), router.log());
        }
    }
}
