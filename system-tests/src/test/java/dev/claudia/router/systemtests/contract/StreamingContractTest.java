package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.json;
import static dev.claudia.router.systemtests.RouterUnderTest.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming through the running router, with a provider that streams with real delays. */
class StreamingContractTest {

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = RouterUnderTest.start(container.baseUrl(), Map.of(
                "claude-sse", profile("sse", 1, ""),
                "claude-sse-retry", profile("sse-retry", 2, ""),
                "claude-sse-whole", profile("sse-whole", 1, "\"capabilities\":{\"streaming\":false}"),
                "claude-sse-only", profile("sse-only", 1, "\"capabilities\":{\"streaming\":\"only\"}"),
                "claude-sse-silent", profile("sse-silent", 1, "")), Map.of());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static String chunk(String delta, String finish) {
        return "{\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    private static String text(String t) {
        return chunk("{\"content\":\"" + t + "\"}", null);
    }

    private static final String USAGE = "{\"choices\":[],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":7}}";

    private static Sse open(String alias) throws Exception {
        HttpResponse<InputStream> response = router.client().send(router.request("/v1/messages")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + alias + "\",\"max_tokens\":100,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        return new Sse(response.body());
    }

    @Test
    void the_first_delta_reaches_the_client_long_before_the_provider_finishes() throws Exception {
        fake.script("sse", Script.sse(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null), text("one "), text("two "),
                text("three "), text("four"), chunk("{}", "stop"), USAGE, "[DONE]").frameDelayMs(300));
        List<Sse.Frame> frames = open("claude-sse").rest();
        Sse.Frame firstDelta = frames.stream().filter(f -> f.event().equals("content_block_delta")).findFirst().orElseThrow();
        Sse.Frame last = frames.getLast();
        assertTrue(last.atMillis() - firstDelta.atMillis() >= 1000, "deltas were not held back: first delta at "
                + firstDelta.atMillis() + " ms, end at " + last.atMillis() + " ms");
        assertEquals("one two three four", Sse.text(frames));
        assertEquals("message_start", frames.getFirst().event());
        assertTrue(frames.getFirst().data().at("/message/usage/input_tokens").asInt() > 0, "a real estimate, not 0");
        Sse.Frame delta = frames.stream().filter(f -> f.event().equals("message_delta")).findFirst().orElseThrow();
        assertEquals("end_turn", delta.data().at("/delta/stop_reason").asText());
        assertEquals(7, delta.data().at("/usage/output_tokens").asInt(), "from the usage chunk after finish_reason");
        assertEquals(31, delta.data().at("/usage/input_tokens").asInt());
        assertEquals("message_stop", last.event());
        JsonNode sent = fake.requests("sse").getLast().get("body");
        assertTrue(sent.get("stream").asBoolean());
        assertTrue(sent.at("/stream_options/include_usage").asBoolean());
    }

    @Test
    void a_stream_that_dies_mid_way_ends_with_an_error_event() throws Exception {
        fake.script("sse", Script.sse(text("partial "), text("answer"), chunk("{}", "stop"), "[DONE]").dropAfterFrames(2));
        List<Sse.Frame> frames = open("claude-sse").rest();
        assertEquals("error", frames.getLast().event(), Sse.names(frames).toString());
        assertFalse(Sse.names(frames).contains("message_stop"));
        // What was sent before the crash arrives, though an abrupt close (RST) may swallow the last frame.
        String text = Sse.text(frames);
        assertTrue(!text.isEmpty() && "partial answer".startsWith(text), text);
        assertTrue(List.of("api_error", "overloaded_error").contains(frames.getLast().data().at("/error/type").asText()));
    }

    @Test
    void an_in_band_error_after_content_becomes_an_error_event_with_its_type() throws Exception {
        fake.script("sse", Script.sse(text("hello"), "{\"error\":{\"message\":\"upstream overloaded\",\"code\":503}}"));
        List<Sse.Frame> frames = open("claude-sse").rest();
        assertEquals("error", frames.getLast().event());
        assertEquals("overloaded_error", frames.getLast().data().at("/error/type").asText());
        assertTrue(frames.getLast().data().at("/error/message").asText().contains("upstream overloaded"));
    }

    @Test
    void a_failure_before_any_content_is_retried_invisibly() throws Exception {
        fake.script("sse-retry", Script.sse(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null), text("lost")).dropAfterFrames(1),
                Script.sse(text("second "), text("try"), chunk("{}", "stop"), "[DONE]"));
        int before = fake.requests("sse-retry").size();
        List<Sse.Frame> frames = open("claude-sse-retry").rest();
        assertEquals("second try", Sse.text(frames));
        assertEquals(1, Sse.names(frames).stream().filter("message_start"::equals).count());
        assertEquals("message_stop", frames.getLast().event());
        assertEquals(before + 2, fake.requests("sse-retry").size());
    }

    @Test
    void a_client_that_disconnects_stops_the_provider_stream() throws Exception {
        fake.clearEvents();
        StringBuilder frames = new StringBuilder();
        String[] many = new String[60];
        for (int i = 0; i < many.length; i++) {
            many[i] = text("t" + i + " ");
        }
        fake.script("sse", Script.sse(many).frameDelayMs(100));
        long closedAt;
        try (Socket socket = new Socket("127.0.0.1", router.baseUri().getPort())) {
            byte[] body = "{\"model\":\"claude-sse\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (!frames.toString().contains("text_delta")) {
                int n = in.read(buffer);
                frames.append(new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8));
            }
            closedAt = System.currentTimeMillis();
        }
        JsonNode closed = null;
        for (int i = 0; i < 40 && closed == null; i++) {
            Thread.sleep(50);
            closed = fake.events().stream().filter(e -> e.get("type").asText().equals("client_closed")
                    && e.get("model").asText().equals("sse")).findFirst().orElse(null);
        }
        assertTrue(closed != null, "the provider saw the router hang up: " + fake.events());
        assertTrue(closed.get("atMillis").asLong() - closedAt < 1500, "within about a second");
        assertTrue(closed.get("framesWritten").asInt() < many.length);
    }

    @Test
    void a_client_that_disconnects_while_the_provider_is_silent_stops_it_within_about_a_second() throws Exception {
        fake.clearEvents();
        fake.script("sse-silent", Script.sse(text("first")).stallMs(10_000)); // one frame, then ten silent seconds
        long closedAt;
        try (Socket socket = new Socket("127.0.0.1", router.baseUri().getPort())) {
            byte[] body = "{\"model\":\"claude-sse-silent\",\"max_tokens\":10,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!seen.toString().contains("\"first\"")) {
                int n = socket.getInputStream().read(buffer);
                seen.append(new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8));
            }
            Thread.sleep(300); // the provider is silent now: only pings can notice the client leaving
            closedAt = System.currentTimeMillis();
        }
        JsonNode closed = null;
        for (int i = 0; i < 60 && closed == null; i++) {
            Thread.sleep(50);
            closed = fake.events().stream().filter(e -> e.get("type").asText().equals("client_closed")
                    && e.get("model").asText().equals("sse-silent")).findFirst().orElse(null);
        }
        assertTrue(closed != null, "the router hung up on the silent provider: " + fake.events());
        assertTrue(closed.get("atMillis").asLong() - closedAt < 1500, "within about a second: "
                + (closed.get("atMillis").asLong() - closedAt) + " ms");
    }

    @Test
    void a_provider_that_cannot_stream_still_serves_a_streaming_client() throws Exception {
        fake.script("sse-whole", Script.json("{\"choices\":[{\"message\":{\"content\":\"whole answer\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}"));
        List<Sse.Frame> frames = open("claude-sse-whole").rest();
        assertEquals("whole answer", Sse.text(frames));
        assertEquals("message_stop", frames.getLast().event());
        assertFalse(fake.requests("sse-whole").getLast().get("body").has("stream"), "asked the provider for a whole answer");
    }

    @Test
    void a_stream_only_provider_still_serves_a_whole_message() {
        fake.script("sse-only", Script.sse(text("folded "), text("answer"), chunk("{}", "stop"), USAGE, "[DONE]"));
        HttpResponse<String> response = router.post("/v1/messages",
                "{\"model\":\"claude-sse-only\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("folded answer", body.at("/content/0/text").asText());
        assertEquals(7, body.at("/usage/output_tokens").asInt());
        assertTrue(fake.requests("sse-only").getLast().get("body").get("stream").asBoolean());
    }

    @Test
    void pings_keep_a_quiet_stream_alive() throws Exception {
        // The provider says one thing, then nothing for 1.3 s; the router pings after 300 ms of quiet.
        List<Sse.Frame> frames = openSlow();
        assertTrue(Sse.names(frames).contains("ping"), Sse.names(frames).toString());
        assertEquals("early late", Sse.text(frames));
        assertEquals("message_stop", frames.getLast().event());
    }

    private static List<Sse.Frame> openSlow() throws Exception {
        fake.script("sse-quiet", Script.sse(text("early "), text("late"), chunk("{}", "stop"), "[DONE]").frameDelayMs(1300));
        try (RouterUnderTest quiet = RouterUnderTest.start(FakeOpenAiContainer.shared().baseUrl(),
                Map.of("claude-quiet", profile("sse-quiet", 1, "")), Map.of("CLAUDIA_PING_INTERVAL_MS", "300"))) {
            HttpResponse<InputStream> response = quiet.client().send(quiet.request("/v1/messages")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-quiet\",\"max_tokens\":10,\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Sse(response.body()).rest();
        }
    }
}
