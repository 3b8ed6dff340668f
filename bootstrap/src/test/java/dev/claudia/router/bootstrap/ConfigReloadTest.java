package dev.claudia.router.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing config.json under a running router: atomic, for new requests only, refused whole when invalid. */
class ConfigReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private NamedBackend blue;
    private NamedBackend green;
    private ClaudiaServer router;

    @TempDir
    Path dir;

    @BeforeEach
    void backends() throws Exception {
        blue = new NamedBackend("blue");
        green = new NamedBackend("green");
    }

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        blue.close();
        green.close();
    }

    private String config(String target, String extra) {
        return "{\"port\": 0, \"defaultBackend\": \"blue\", \"backends\": {"
                + "\"blue\": {\"baseUrl\": \"" + blue.baseUrl() + "\", \"defaultModel\": \"m\"},"
                + "\"green\": {\"baseUrl\": \"" + green.baseUrl() + "\", \"defaultModel\": \"m\"}},"
                + "\"modelProfiles\": {\"claude-x\": {\"backend\": \"" + target + "\", \"retryAttempts\": 1}}" + extra + "}";
    }

    private Path start(String config) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), config);
        router = ClaudiaServer.start(new ServerOptions(file, Map.of(), "127.0.0.1", 0));
        return file;
    }

    private String answer() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages"))
                .header("x-api-key", "k").timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-x\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("content").path(0).path("text").asText();
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(client.send(HttpRequest.newBuilder(router.baseUri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** /health's report on the config in force. */
    private JsonNode config() {
        try {
            return health().path("config");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private boolean answers(String name) {
        try {
            return answer().equals(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void an_edit_applies_to_new_requests_while_one_in_flight_finishes_on_its_old_route() throws Exception {
        Path file = start(config("blue", ""));
        assertEquals("blue", answer());
        blue.delayMs = 2500;
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return answer();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        eventually(() -> blue.calls.get() == 2, "the slow request reached blue");
        Files.writeString(file, config("green", ""));
        eventually(() -> answers("green"), "new requests go to green");
        assertEquals("blue", inFlight.get(), "the request in flight finished on the route it started on");
        assertEquals(2, health().path("config").path("generation").asInt());
        assertEquals(0, blue.dropped.get(), "its provider was not closed under it");
    }

    @Test
    void an_invalid_edit_keeps_the_config_in_force_and_health_shows_every_problem() throws Exception {
        Path file = start(config("blue", ""));
        Files.writeString(file, config("nowhere", ", \"upstream\": {\"maxStreamSeconds\": -5}"));
        eventually(() -> config().path("problems").size() == 2, "the problems are reported");
        JsonNode problems = health().path("config").path("problems");
        assertTrue(problems.toString().contains("modelProfiles.claude-x.backend: unknown backend 'nowhere'"), problems.toString());
        assertTrue(problems.toString().contains("upstream.maxStreamSeconds: must be between 1 and"), problems.toString());
        assertEquals(1, health().path("config").path("generation").asInt());
        assertEquals("blue", answer(), "still serving the config in force");
        Files.writeString(file, config("green", ""));
        eventually(() -> answers("green"), "a fixed edit applies");
        assertEquals(0, health().path("config").path("problems").size());
    }

    @Test
    void an_editor_that_replaces_the_file_by_rename_is_seen_too() throws Exception {
        Path file = start(config("blue", ""));
        Path swap = Files.writeString(dir.resolve(".config.json.swp"), config("green", ""));
        Files.move(swap, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        eventually(() -> answers("green"), "the renamed file applies");
    }

    @Test
    void a_removed_backend_is_closed_once_no_request_uses_it_and_restart_only_keys_are_reported() throws Exception {
        Path file = start(config("blue", ""));
        assertEquals("blue", answer());
        int before = router.openProviders();
        String onlyGreen = "{\"port\": 1, \"defaultBackend\": \"green\", \"backends\": {"
                + "\"green\": {\"baseUrl\": \"" + green.baseUrl() + "\", \"defaultModel\": \"m\"}},"
                + "\"modelProfiles\": {\"claude-x\": {\"backend\": \"green\"}}, \"limits\": {\"maxTools\": 7}}";
        Files.writeString(file, onlyGreen);
        eventually(() -> router.openProviders() == before - 1, "blue's provider is closed");
        eventually(() -> config().path("generation").asInt() == 2, "the edit is reported");
        assertEquals("green", answer());
        JsonNode restart = health().path("config").path("restart_needed");
        assertEquals("[\"limits\"]", restart.toString(), "port was given on the command line (0), so only limits count");
        assertFalse(health().path("backends").toString().contains("\"blue\""), health().toString());
    }
}
