package dev.claudia.router.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.message.MessageResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up builds Jersey while the config is read and wired, and warms the providers' HTTP clients
 * in the background: the first request must still get a correct answer, a bad config must still
 * fail at once with its message, and a failed warm-up must not matter.
 */
class StartUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private ClaudiaServer router;
    private NamedBackend backend;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void the_very_first_request_gets_the_right_answer_and_the_warm_up_sent_nothing_to_the_backend() throws Exception {
        backend = new NamedBackend("blue");
        Path file = Files.writeString(dir.resolve("config.json"), "{\"port\": 0, \"defaultBackend\": \"blue\","
                + " \"backends\": {\"blue\": {\"baseUrl\": \"" + backend.baseUrl() + "\", \"defaultModel\": \"m\"}}}");
        router = ClaudiaServer.start(new ServerOptions(file, Map.of(), "127.0.0.1", 0));

        HttpResponse<String> first = HttpClient.newHttpClient().send(HttpRequest.newBuilder(router.baseUri()
                        .resolve("/v1/messages")).timeout(Duration.ofSeconds(30)).header("x-api-key", "k")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-x\",\"max_tokens\":10,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("blue", JSON.readTree(first.body()).path("content").path(0).path("text").asText(), first.body());
        assertEquals(1, backend.calls.get(), "only the client's request reached the backend");
    }

    @Test
    void a_bad_config_still_fails_at_once_with_its_message_and_the_jersey_thread_ends() throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"port\": 0, \"defaultBackend\": \"nowhere\","
                + " \"backends\": {}}");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ClaudiaServer.start(new ServerOptions(file, Map.of(), "127.0.0.1", 0)));

        assertTrue(e.getMessage().contains("backends: must be an object with at least one backend"), e.getMessage());
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (bootThreadAlive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertFalse(bootThreadAlive(), "the thread that builds Jersey ends when the config is refused");
    }

    @Test
    void a_failing_warm_up_is_ignored_and_the_next_provider_is_still_warmed() throws Exception {
        AtomicBoolean warmed = new AtomicBoolean();
        ChatProvider failing = provider(() -> {
            throw new IllegalStateException("no runtime today");
        });
        ChatProvider fine = provider(() -> warmed.set(true));

        Thread warmUp = ClaudiaServer.warmUp(List.of(failing, fine));
        warmUp.join(Duration.ofSeconds(10));

        assertFalse(warmUp.isAlive());
        assertTrue(warmed.get(), "the provider after the failing one was warmed up");
    }

    private static boolean bootThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("claudia-jersey-boot"));
    }

    private static ChatProvider provider(Runnable warmUp) {
        return new ChatProvider() {
            @Override
            public MessageResponse complete(ProviderCall call) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EventStream stream(ProviderCall call) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void warmUp() {
                warmUp.run();
            }
        };
    }
}
