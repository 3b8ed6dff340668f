package dev.claudia.router.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that leaves before its whole answer is ready: the JDK HTTP server never tells, the
 * kernel does (ClientPresence), and the provider call is cancelled: the backend sees its connection
 * dropped long before it would have answered.
 */
class ClientDepartureTest {

    @Test
    void a_non_streaming_client_that_leaves_cancels_its_upstream_call(@TempDir Path dir) throws Exception {
        try (NamedBackend slow = new NamedBackend("slow")) {
            slow.delayMs = 20_000;
            Path config = Files.writeString(dir.resolve("config.json"), "{\"port\": 0, \"defaultBackend\": \"slow\","
                    + "\"backends\": {\"slow\": {\"baseUrl\": \"" + slow.baseUrl() + "\", \"defaultModel\": \"m\"}}}");
            try (ClaudiaServer router = ClaudiaServer.start(new ServerOptions(config, Map.of(), "127.0.0.1", 0))) {
                byte[] body = "{\"model\":\"x\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                try (Socket client = new Socket("127.0.0.1", router.port())) {
                    client.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().write(body);
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (slow.calls.get() == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertEquals(1, slow.calls.get(), "the provider was asked");
                } // the client leaves
                long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                while (slow.dropped.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(1, slow.dropped.get(), "the upstream call was cancelled, not left to run for 20 s");
                assertEquals(1, slow.calls.get(), "and not retried");
            }
        }
    }
}
