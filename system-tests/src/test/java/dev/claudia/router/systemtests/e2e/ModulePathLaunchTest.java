package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run path, for real: the packaged router started as a separate JVM on the module
 * path ({@code java --module-path ... -m dev.claudia.router.bootstrap/...}), with the shipped
 * config.json and no API key, answers a message from the labelled demo backend, streamed or not.
 * This is where the module descriptors of every module are exercised.
 */
class ModulePathLaunchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_packaged_router_runs_on_the_module_path_and_answers_without_a_key() throws Exception {
        Path home = Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();
        Path jar = home.resolve("bootstrap/target/claudia-bootstrap.jar");
        Path lib = home.resolve("bootstrap/target/lib");
        assertTrue(Files.isRegularFile(jar) && Files.isDirectory(lib), "package the router first: " + jar);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", jar + java.io.File.pathSeparator + lib,
                "-m", "dev.claudia.router.bootstrap/dev.claudia.router.bootstrap.Main",
                "start", "--config", home.resolve("config.json").toString(), "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.startsWith("CLAUDIA_"));
        Path log = Files.createTempFile("claudia-launch", ".log");
        builder.redirectOutput(log.toFile());
        Process router = builder.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            waitUntilUp(client, base, router, log);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/v1/messages"))
                    .header("x-api-key", "any").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-3-5-sonnet-latest\",\"max_tokens\":100,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body() + "\n" + Files.readString(log));
            JsonNode body = JSON.readTree(response.body());
            assertEquals("claudia-demo:claude-3-5-sonnet-latest", body.get("model").asText());
            assertTrue(body.at("/content/0/text").asText().contains("demo backend"));
            HttpResponse<String> stream = client.send(HttpRequest.newBuilder(base.resolve("/v1/messages?beta=true"))
                    .header("x-api-key", "any")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-3-haiku-latest\",\"max_tokens\":100,\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(stream.body().contains("event: message_stop"), stream.body());
            String output = Files.readString(log);
            assertTrue(output.contains("DEMO MODE"), output);
            assertTrue(output.contains("provider adapters: anthropic, openai-chat"),
                    "the adapter modules were found in the module layer by ServiceLoader: " + output);
            assertTrue(output.contains("claudia.request"), "one log line per request: " + output);
            assertTrue(!output.contains("Exception"), "no stack traces: " + output);
        } finally {
            router.destroy();
            router.waitFor();
        }
    }

    private static void waitUntilUp(HttpClient client, URI base, Process router, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!router.isAlive()) {
                throw new AssertionError("the router exited: " + Files.readString(log));
            }
            try {
                if (client.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the router did not answer /health within 30 s: " + Files.readString(log));
    }
}
