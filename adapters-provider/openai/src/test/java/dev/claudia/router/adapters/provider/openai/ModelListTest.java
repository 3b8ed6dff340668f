package dev.claudia.router.adapters.provider.openai;

import com.sun.net.httpserver.HttpServer;
import dev.claudia.router.adapters.provider.Calls;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ModelCatalog;
import dev.claudia.router.provider.spi.ProviderServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The openai-chat adapter's model list: {@code GET {baseUrl}/models}, and its failures worded like any other. */
class ModelListTest {

    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String body = "{}";
    private final HttpServer server;

    ModelListTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", exchange -> {
            try (exchange) {
                authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ModelCatalog catalog() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        return (ModelCatalog) new OpenAiChatFactory().create(new BackendSettings("nim", base, "nvapi-secret", "NVIDIA_API_KEY"),
                RawJson.EMPTY_OBJECT, new ProviderServices(Calls.ids(), Calls.quarterTokens(), Clock.systemUTC(), Duration.ofSeconds(2),
                        Duration.ofSeconds(5)));
    }

    @Test
    void lists_the_ids_of_the_backends_models_asking_with_its_key() {
        body = "{\"object\":\"list\",\"data\":[{\"id\":\"z-ai/glm4.7\",\"object\":\"model\",\"owned_by\":\"z-ai\"},"
                + "{\"id\":\"qwen/qwen3.5-122b-a10b\",\"object\":\"model\"},{\"object\":\"model\"}]}";
        assertEquals(List.of("z-ai/glm4.7", "qwen/qwen3.5-122b-a10b"), catalog().models());
        assertEquals("Bearer nvapi-secret", authorization.get());
    }

    @Test
    void a_rejected_key_a_missing_list_and_a_body_that_is_no_list_are_each_their_own_failure() {
        status = 401;
        body = "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        ProviderException rejected = assertThrows(ProviderException.class, () -> catalog().models());
        assertEquals(FailureKind.AUTHENTICATION, rejected.failure().kind());
        assertTrue(rejected.getMessage().contains("NVIDIA_API_KEY"), rejected.getMessage());

        status = 404;
        body = "{\"error\":\"not found\"}";
        ProviderException none = assertThrows(ProviderException.class, () -> catalog().models());
        assertEquals(FailureKind.NOT_FOUND, none.failure().kind());
        assertTrue(none.getMessage().contains("has no model list"), none.getMessage());

        status = 200;
        body = "<html>portal</html>";
        assertEquals(FailureKind.MALFORMED_RESPONSE,
                assertThrows(ProviderException.class, () -> catalog().models()).failure().kind());
    }
}
