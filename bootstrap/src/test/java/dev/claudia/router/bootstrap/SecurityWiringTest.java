package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bootstrap's share of the defences: the bind rule, and secrets fed to the log masking. */
class SecurityWiringTest {

    @Test
    void listening_beyond_loopback_without_client_keys_is_refused_and_says_why() {
        for (String host : List.of("0.0.0.0", "::", "192.0.2.10")) {
            ConfigException refused = assertThrows(ConfigException.class, () -> BindPolicy.check(host, List.of()));
            assertTrue(refused.getMessage().contains("refusing to listen on " + host + " without client keys"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("CLAUDIA_AUTH_TOKEN"), refused.getMessage());
        }
        for (String host : List.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2")) {
            assertDoesNotThrow(() -> BindPolicy.check(host, List.of()), host);
        }
        assertDoesNotThrow(() -> BindPolicy.check("0.0.0.0", List.of("a-long-client-key-0123")));
    }

    @Test
    void a_router_that_may_not_listen_does_not_bind(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.json"), "{\"port\": " + port + ", \"defaultBackend\": \"b\","
                + "\"backends\": {\"b\": {\"baseUrl\": \"http://127.0.0.1:9/v1\", \"defaultModel\": \"m\"}}}");
        assertThrows(ConfigException.class, () -> ClaudiaServer.start(new ServerOptions(config, Map.of(), "0.0.0.0", port)));
        try (ServerSocket free = new ServerSocket(port)) {
            assertTrue(free.isBound(), "the port was never taken");
        }
    }

    @Test
    void secrets_of_a_started_router_are_masked_in_every_log_line(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"port\": 0, \"defaultBackend\": \"b\","
                + "\"backends\": {\"b\": {\"baseUrl\": \"https://user:url-password-77@h.example/v1?key=query-key-123456\","
                + "\"apiKeyEnv\": \"B_API_KEY\", \"defaultModel\": \"m\"}}}");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StreamHandler handler = new StreamHandler(captured, new SimpleFormatter());
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try (ClaudiaServer server = ClaudiaServer.start(new ServerOptions(config, Map.of("B_API_KEY", "sk-backend-key-42424242",
                "CLAUDIA_AUTH_TOKEN", "client-token-0123456789"), "127.0.0.1", 0))) {
            Logger log = Logger.getLogger("claudia.test");
            log.log(Level.WARNING, "provider said: bad key sk-backend-key-42424242 for https://user:url-password-77@h.example"
                    + "/v1?key=query-key-123456, client sent client-token-0123456789");
            log.log(Level.SEVERE, "with a trace", new IllegalStateException("sk-backend-key-42424242"));
            handler.flush();
            String text = captured.toString(StandardCharsets.UTF_8);
            for (String secret : List.of("sk-backend-key-42424242", "url-password-77", "query-key-123456", "client-token-0123456789")) {
                assertFalse(text.contains(secret), secret + " in: " + text);
            }
            assertTrue(text.contains("bad key [REDACTED]"), text);
            assertTrue(server.notes().stream().anyMatch(n -> n.contains("https://***@h.example/v1?key=***")), server.notes().toString());
        } finally {
            root.removeHandler(handler);
        }
    }
}
