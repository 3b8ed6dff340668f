package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeOpenAiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeOpenAi fake;
    private static URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        if (fake == null) {
            fake = new FakeOpenAi(0);
            base = URI.create("http://127.0.0.1:" + fake.port());
        }
        client.send(HttpRequest.newBuilder(base.resolve("/__admin/scripts")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        client.send(HttpRequest.newBuilder(base.resolve("/__admin/requests")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        client.send(HttpRequest.newBuilder(base.resolve("/__admin/events")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void script(String model, String... entries) throws Exception {
        assertEquals(204, post("/__admin/scripts", "{\"model\":\"" + model + "\",\"responses\":[" + String.join(",", entries) + "]}").statusCode());
    }

    @Test
    void plays_scripted_entries_in_order_and_records_requests() throws Exception {
        script("m1", "{\"json\":{\"n\":1}}", "{\"status\":429,\"headers\":{\"Retry-After\":\"2\"},\"json\":{\"error\":{\"message\":\"slow\"}}}");
        HttpResponse<String> first = post("/v1/chat/completions", "{\"model\":\"m1\",\"messages\":[]}");
        assertEquals("{\"n\":1}", first.body());
        HttpResponse<String> second = post("/v1/chat/completions", "{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(429, second.statusCode());
        assertEquals("2", second.headers().firstValue("retry-after").orElseThrow());
        HttpResponse<String> third = post("/v1/chat/completions", "{\"model\":\"m1\",\"messages\":[]}");
        assertEquals(404, third.statusCode(), "nothing left and not a scenario");
        assertTrue(third.body().contains("/__admin/scripts"), "says how to fix it: " + third.body());
        JsonNode requests = JSON.readTree(client.send(HttpRequest.newBuilder(base.resolve("/__admin/requests?model=m1")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(3, requests.size());
        assertEquals("x", requests.get(1).at("/body/messages/0/content").asText());
    }

    @Test
    void streams_frames_one_by_one_with_their_delays() throws Exception {
        script("m2", "{\"sse\":[{\"data\":\"a\"},{\"data\":\"b\",\"delayMs\":600},{\"data\":\"[DONE]\"}]}");
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m2\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertEquals("data: a", reader.readLine());
        long firstAt = System.nanoTime() - start;
        List<String> rest = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            rest.add(line);
        }
        long lastAt = System.nanoTime() - start;
        assertTrue(firstAt < 400_000_000L, "first frame early: " + firstAt / 1_000_000 + " ms");
        assertTrue(lastAt >= 600_000_000L, "last frame after its delay: " + lastAt / 1_000_000 + " ms");
        assertTrue(rest.contains("data: b") && rest.contains("data: [DONE]"), rest.toString());
        assertTrue(rest.contains(": keep-alive"), "keep-alive comments while waiting: " + rest);
    }

    @Test
    void splits_raw_sse_text_into_frames_keeping_crlf() {
        List<byte[]> frames = Responder.split("data: 1\r\n\r\ndata: 2\n\n: c\n\n");
        assertEquals(List.of("data: 1\r\n\r\n", "data: 2\n\n", ": c\n\n"),
                frames.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void drops_the_connection_mid_stream_when_told() throws Exception {
        script("m3", "{\"sse\":[{\"data\":\"a\"},{\"data\":\"b\"},{\"data\":\"c\"}],\"dropAfterFrames\":2}");
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m3\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThrows(java.io.IOException.class, () -> response.body().readAllBytes(), "the body never ends properly");
        Thread.sleep(100);
        JsonNode events = JSON.readTree(client.send(HttpRequest.newBuilder(base.resolve("/__admin/events")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("dropped", events.get(0).get("type").asText());
        assertEquals(2, events.get(0).get("framesWritten").asInt());
    }

    @Test
    void notices_a_client_that_goes_away_mid_stream() throws Exception {
        script("m4", "{\"sse\":[{\"data\":\"a\"},{\"data\":\"b\",\"delayMs\":5000}]}");
        try (Socket socket = new Socket("127.0.0.1", fake.port())) {
            String body = "{\"model\":\"m4\",\"messages\":[]}";
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            assertTrue(socket.getInputStream().read(new byte[200]) > 0);
        }
        JsonNode events = null;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            events = JSON.readTree(client.send(HttpRequest.newBuilder(base.resolve("/__admin/events")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (!events.isEmpty()) {
                break;
            }
        }
        assertEquals("client_closed", events.get(0).get("type").asText());
        assertEquals(1, events.get(0).get("framesWritten").asInt());
    }

    @Test
    void built_in_scenarios_answer_whole_or_streamed() throws Exception {
        JsonNode whole = JSON.readTree(post("/v1/chat/completions", "{\"model\":\"tool\",\"messages\":[]}").body());
        assertEquals("get_weather", whole.at("/choices/0/message/tool_calls/0/function/name").asText());
        String stream = post("/v1/chat/completions",
                "{\"model\":\"x/tool\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}").body();
        assertTrue(stream.contains("\"finish_reason\":\"tool_calls\""), stream);
        assertTrue(stream.contains("\"choices\":[],\"usage\""), stream);
        assertTrue(stream.endsWith("data: [DONE]\n\n"), stream);
        String echo = post("/v1/chat/completions", "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"ping me\"}]}").body();
        assertEquals("ping me", JSON.readTree(echo).at("/choices/0/message/content").asText());
        assertEquals(429, post("/v1/chat/completions", "{\"model\":\"rate-limit-then-ok\",\"messages\":[]}").statusCode());
        assertEquals(200, post("/v1/chat/completions", "{\"model\":\"rate-limit-then-ok\",\"messages\":[]}").statusCode());
    }
}
