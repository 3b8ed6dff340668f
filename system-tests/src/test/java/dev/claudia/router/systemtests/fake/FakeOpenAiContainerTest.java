package dev.claudia.router.systemtests.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectImageResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake provider image builds FROM scratch, runs on the host network, and does what the contract
 * tests rely on: scripted JSON and SSE answers with observable per-frame delays, a journal of requests,
 * and a client_closed event when the client leaves mid-stream. Fails (never skips) without Docker.
 */
class FakeOpenAiContainerTest {

    private static FakeOpenAiContainer fake;
    private static FakeOpenAiAdmin admin;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        long begin = System.nanoTime();
        fake = FakeOpenAiContainer.shared();
        admin = fake.admin();
        System.out.printf("[fake-openai] shared() in this test class: %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    }

    private HttpRequest.Builder chat(String body) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-smoke")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void the_image_is_built_from_scratch_and_the_container_uses_the_host_network() throws Exception {
        InspectImageResponse image = DockerClientFactory.instance().client().inspectImageCmd(fake.getDockerImageName()).exec();
        // FROM scratch: exactly the three COPY layers (glibc, runtime, jar), no shell, no distribution.
        assertEquals(3, image.getRootFS().getLayers().size(), "layers: " + image.getRootFS().getLayers());
        assertEquals(List.of("/opt/java/bin/java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar",
                "/app/fake.jar"), List.of(image.getConfig().getEntrypoint()));
        assertEquals(0, fake.execInContainer("/opt/java/bin/java", "--list-modules").getExitCode());
        assertTrue(fake.execInContainer("/opt/java/bin/java", "--list-modules").getStdout().startsWith("java.base@"));
        assertTrue(fails(() -> fake.execInContainer("/bin/sh", "-c", "true").getExitCode()), "there is no shell");

        assertEquals("host", fake.getContainerInfo().getHostConfig().getNetworkMode());
        assertTrue(fake.output().contains("fake-openai listening on 127.0.0.1:" + fake.port()), fake.output());
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"status\":\"ok\"}", health.body());
        assertTrue(fake.baseUrl().toString().matches("http://127\\.0\\.0\\.1:\\d+/v1"), fake.baseUrl().toString());
    }

    private static boolean fails(java.util.concurrent.Callable<Integer> exec) {
        try {
            return exec.call() != 0;
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void answers_a_scripted_json_entry_and_records_the_request() throws Exception {
        admin.script("smoke-json", Script.json("{\"choices\":[{\"message\":{\"content\":\"scripted\"}}]}"),
                Script.status(429).header("Retry-After", "1").body("{\"error\":{\"message\":\"slow down\"}}"));
        HttpResponse<String> first = client.send(chat("{\"model\":\"smoke-json\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode());
        assertEquals("{\"choices\":[{\"message\":{\"content\":\"scripted\"}}]}", first.body());
        HttpResponse<String> second = client.send(chat("{\"model\":\"smoke-json\",\"messages\":[]}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(429, second.statusCode());
        assertEquals("1", second.headers().firstValue("retry-after").orElseThrow());

        List<JsonNode> recorded = admin.requests("smoke-json");
        assertEquals(2, recorded.size());
        JsonNode request = recorded.getFirst();
        assertEquals("POST", request.get("method").asText());
        assertEquals("/v1/chat/completions", request.get("path").asText());
        assertEquals("Bearer sk-smoke", request.at("/headers/authorization").asText());
        assertEquals("hi", request.at("/body/messages/0/content").asText());

        HttpResponse<String> unscripted = client.send(chat("{\"model\":\"smoke-json\",\"messages\":[]}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unscripted.statusCode());
        assertTrue(unscripted.body().contains("POST /__admin/scripts"), unscripted.body());
        IllegalStateException typo = assertThrows(IllegalStateException.class,
                () -> admin.script("smoke-json", Script.json("{}").frameDelayMs(5)));
        assertTrue(typo.getMessage().contains("'frameDelayMs' needs an SSE body"), typo.getMessage());
    }

    @Test
    void answers_a_built_in_scenario_streamed() throws Exception {
        String body = client.send(chat("{\"model\":\"tool\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[]}").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(body.contains("\"name\":\"get_weather\"") && body.contains("\"finish_reason\":\"tool_calls\""), body);
        assertTrue(body.contains("\"choices\":[],\"usage\":{") && body.endsWith("data: [DONE]\n\n"), body);
    }

    @Test
    void streams_frames_as_they_are_written_so_the_first_arrives_well_before_the_last() throws Exception {
        admin.script("smoke-sse", Script.frames(Script.Frame.data("one"), Script.Frame.data("two").delayMs(400),
                Script.Frame.data("three").delayMs(400), Script.Frame.raw(": a comment\r\n\r\n"), Script.Frame.data("[DONE]")));
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(chat("{\"model\":\"smoke-sse\",\"stream\":true,\"messages\":[]}").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        List<String> data = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        boolean comment = false;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
                arrivals.add((System.nanoTime() - start) / 1_000_000);
            }
            comment |= line.equals(": a comment");
        }
        assertEquals(List.of("one", "two", "three", "[DONE]"), data);
        assertTrue(comment, "raw frames pass through");
        assertTrue(arrivals.get(0) < 500, "first frame at " + arrivals);
        assertTrue(arrivals.get(2) - arrivals.get(0) >= 750, "the last frame comes 800 ms later: " + arrivals);
        assertEquals(5, admin.awaitEvent("completed", "smoke-sse", Duration.ofSeconds(2)).get("framesWritten").asInt());
    }

    @Test
    void a_dedicated_fake_is_isolated_from_the_shared_one() throws Exception {
        admin.script("smoke-isolated", Script.json("{\"from\":\"shared\"}"));
        long begin = System.nanoTime();
        long stopped;
        try (FakeOpenAiContainer own = FakeOpenAiContainer.dedicated()) {
            own.start();
            assertNotEquals(fake.port(), own.port());
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(own.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smoke-isolated\",\"messages\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), "the shared fake's script is not there: " + r.body());
            System.out.printf("[fake-openai] dedicated container up in %d ms (startMillis %d)%n",
                    (System.nanoTime() - begin) / 1_000_000, own.startMillis());
            stopped = System.nanoTime();
        }
        System.out.printf("[fake-openai] dedicated container stopped in %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
        assertTrue(admin.remainingScripts().toString().contains("\"model\":\"smoke-isolated\""), "still queued on the shared fake");
        assertEquals("{\"from\":\"shared\"}", client.send(chat("{\"model\":\"smoke-isolated\",\"messages\":[]}").build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void records_client_closed_when_the_client_disconnects_mid_stream() throws Exception {
        admin.script("smoke-leave", Script.sse("one", "two", "three").frameDelayMs(1000));
        long closedAt;
        try (Socket socket = new Socket("127.0.0.1", fake.port())) {
            String body = "{\"model\":\"smoke-leave\",\"stream\":true,\"messages\":[]}";
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!seen.toString().contains("data: one")) {
                int n = socket.getInputStream().read(buffer);
                assertTrue(n > 0, "stream ended early: " + seen);
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            closedAt = System.currentTimeMillis();
        }
        JsonNode closed = admin.awaitEvent("client_closed", "smoke-leave", Duration.ofSeconds(3));
        assertEquals(1, closed.get("framesWritten").asInt());
        assertEquals(3, closed.get("frames").asInt());
        long noticedAfter = closed.get("atMillis").asLong() - closedAt;
        assertTrue(noticedAfter < 1000, "noticed " + noticedAfter + " ms after the client left (keep-alive comments every 100 ms)");
        assertNull(admin.events().stream().filter(e -> e.get("model").asText().equals("smoke-leave")
                && e.get("type").asText().equals("completed")).findFirst().orElse(null));
    }
}
