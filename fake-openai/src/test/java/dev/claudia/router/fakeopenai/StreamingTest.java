package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.claudia.router.fakeopenai.FakeHttp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SSE framing and timing, transcripts, dropped connections, and noticing a client that leaves. */
class StreamingTest {

    @RegisterExtension
    static final FakeHttp http = new FakeHttp();

    private static String body(String model) throws Exception {
        return http.chat("{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[]}").body();
    }

    @Test
    void writes_data_frames_and_raw_bytes_exactly() throws Exception {
        http.script("frames", "{\"status\":201,\"headers\":{\"X-Upstream\":\"fake\"},\"sse\":[\"plain\",{\"data\":\"{\\\"a\\\":1}\"},"
                + "{\"raw\":\": comment\\r\\n\\r\\n\"},{\"raw\":\"event: x\\ndata: two\\ndata: lines\\n\\n\"},{\"data\":\"[DONE]\"}]}");
        HttpResponse<String> r = http.chat("{\"model\":\"frames\",\"messages\":[]}");
        assertEquals(201, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("fake", r.headers().firstValue("x-upstream").orElseThrow());
        assertEquals("data: plain\n\ndata: {\"a\":1}\n\n: comment\r\n\r\nevent: x\ndata: two\ndata: lines\n\ndata: [DONE]\n\n", r.body());
        assertEquals("completed", http.awaitEvent("completed", "frames", 1000).get("type").asText());
        assertEquals(5, http.awaitEvent("completed", "frames", 1000).get("framesWritten").asInt());
    }

    @Test
    void a_repeated_frame_is_sent_that_many_times_and_a_bad_count_is_refused() throws Exception {
        http.script("many", "{\"sse\":[{\"data\":\"x\",\"repeat\":3},\"[DONE]\"]}");
        assertEquals("data: x\n\ndata: x\n\ndata: x\n\ndata: [DONE]\n\n", body("many"));
        HttpResponse<String> bad = http.post("/__admin/scripts", "{\"model\":\"m\",\"responses\":[{\"sse\":[{\"data\":\"x\","
                + "\"repeat\":0}]}]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("sse[0].repeat must be between 1 and 100000"), bad.body());
    }

    @Test
    void flushes_each_frame_after_its_delay_so_a_reader_sees_them_apart() throws Exception {
        http.script("timed", "{\"sse\":[{\"data\":\"a\"},{\"data\":\"b\",\"delayMs\":700},{\"data\":\"[DONE]\"}]}");
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.chatStream("{\"model\":\"timed\",\"messages\":[]}");
        long headersAt = System.nanoTime() - start;
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertEquals("data: a", reader.readLine());
        long firstAt = System.nanoTime() - start;
        String line;
        while (!(line = reader.readLine()).equals("data: b")) {
            assertTrue(line.isEmpty() || line.equals(": keep-alive"), line);
        }
        long secondAt = System.nanoTime() - start;
        assertTrue(headersAt < 500_000_000L && firstAt < 500_000_000L, "first frame at " + firstAt / 1_000_000 + " ms");
        assertTrue(secondAt >= 700_000_000L, "second frame after its delay: " + secondAt / 1_000_000 + " ms");
    }

    @Test
    void frame_delay_ms_spaces_every_frame_and_a_frame_delay_overrides_it() throws Exception {
        http.script("spaced", "{\"frameDelayMs\":150,\"keepAliveMs\":0,\"sse\":[\"a\",\"b\",{\"data\":\"c\",\"delayMs\":0}]}");
        long start = System.nanoTime();
        assertEquals("data: a\n\ndata: b\n\ndata: c\n\n", body("spaced"));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(took >= 300 && took < 3000, took + " ms");
    }

    @Test
    void keep_alive_comments_fill_waits_only_between_whole_frames_and_can_be_turned_off() throws Exception {
        http.script("chatty", "{\"sse\":[\"a\",{\"data\":\"b\",\"delayMs\":450}],\"stallMs\":250}");
        String chatty = body("chatty");
        assertTrue(chatty.startsWith("data: a\n\n: keep-alive\n\n"), chatty);
        assertTrue(chatty.replace(": keep-alive\n\n", "").equals("data: a\n\ndata: b\n\n"), chatty);
        assertTrue(chatty.split(": keep-alive", -1).length - 1 >= 4, "about one per 100 ms: " + chatty);

        http.script("split", "{\"sse\":[{\"raw\":\"data: {\\\"half\\\":\"},{\"raw\":\"1}\\n\\n\",\"delayMs\":350}]}");
        assertEquals("data: {\"half\":1}\n\n", body("split"), "never inside a frame");

        http.script("silent", "{\"keepAliveMs\":0,\"sse\":[\"a\",{\"data\":\"b\",\"delayMs\":300}],\"stallMs\":200}");
        assertEquals("data: a\n\ndata: b\n\n", body("silent"));
    }

    @Test
    void splits_a_transcript_on_blank_lines_keeping_each_frames_bytes() {
        assertEquals(List.of("data: 1\r\n\r\n", "data: 2\n\n", ": c\n\n", "data: 3\r\r", "data: tail\n"),
                Entries.split("data: 1\r\n\r\ndata: 2\n\n: c\n\ndata: 3\r\rdata: tail\n"));
        assertEquals(List.of("data: a\ndata: b\n\n"), Entries.split("data: a\ndata: b\n\n"));
        assertEquals(List.of(), Entries.split(""));
    }

    @Test
    void plays_a_transcript_given_inline_with_a_delay_per_frame() throws Exception {
        String transcript = "data: {\"x\":1}\r\n\r\ndata: [DONE]\r\n\r\n";
        http.script("inline", "{\"sseText\":" + JSON.writeValueAsString(transcript) + ",\"frameDelayMs\":200}");
        long start = System.nanoTime();
        String body = body("inline");
        assertTrue(System.nanoTime() - start >= 400_000_000L);
        assertEquals(transcript, body.replace(": keep-alive\n\n", ""));
        assertEquals(2, http.awaitEvent("completed", "inline", 1000).get("frames").asInt());
    }

    @Test
    void plays_a_transcript_file_from_the_classpath_or_an_absolute_path(@TempDir Path dir) throws Exception {
        String resource = new String(StreamingTest.class.getResourceAsStream("/transcripts/sample.chunks.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        http.script("file", "{\"sseFile\":\"transcripts/sample.chunks.txt\"}");
        assertEquals(resource, body("file"));
        assertEquals(4, http.awaitEvent("completed", "file", 1000).get("framesWritten").asInt());

        Path file = dir.resolve("t.chunks.txt");
        Files.writeString(file, "data: on disk\n\ndata: [DONE]\n\n");
        http.script("disk", "{\"sseFile\":" + JSON.writeValueAsString(file.toString()) + "}");
        assertEquals("data: on disk\n\ndata: [DONE]\n\n", body("disk"));
    }

    @Test
    void drop_after_frames_cuts_the_connection_mid_body() throws Exception {
        http.script("drop", "{\"sse\":[\"a\",\"b\",\"c\"],\"dropAfterFrames\":2}");
        String raw = rawExchange("drop");
        assertTrue(raw.contains("Transfer-encoding: chunked") && raw.contains("data: a\n\n") && raw.contains("data: b\n\n"), raw);
        assertFalse(raw.contains("data: c"), raw);
        assertFalse(raw.endsWith("0\r\n\r\n"), "no last chunk: " + raw);
        JsonNode dropped = http.awaitEvent("dropped", "drop", 1000);
        assertEquals(2, dropped.get("framesWritten").asInt());
        assertEquals(3, dropped.get("frames").asInt());

        http.script("drop0", "{\"sse\":[\"a\"],\"dropAfterFrames\":0}");
        HttpResponse<InputStream> none = http.chatStream("{\"model\":\"drop0\",\"messages\":[]}");
        assertEquals(200, none.statusCode(), "headers, then nothing");
        assertThrows(IOException.class, () -> none.body().readAllBytes());

        http.script("dropAll", "{\"sse\":[\"a\",\"[DONE]\"],\"dropAfterFrames\":2}");
        HttpResponse<InputStream> all = http.chatStream("{\"model\":\"dropAll\",\"messages\":[]}");
        assertThrows(IOException.class, () -> all.body().readAllBytes(), "every frame, but no end of body");
    }

    @Test
    void a_java_http_client_reads_the_frames_before_a_cut_when_the_fake_stalls_first() throws Exception {
        // Without stallMs the JDK client may report the broken body before handing over the last frame it received.
        http.script("lingering", "{\"sse\":[\"a\",\"b\",\"c\"],\"dropAfterFrames\":2,\"stallMs\":100}");
        HttpResponse<InputStream> response = http.chatStream("{\"model\":\"lingering\",\"messages\":[]}");
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertEquals("data: a", reader.readLine());
        assertEquals("", reader.readLine());
        assertEquals("data: b", reader.readLine());
        assertEquals("", reader.readLine());
        IOException cut = assertThrows(IOException.class, () -> {
            for (String line; (line = reader.readLine()) != null; ) {
                assertTrue(line.isEmpty() || line.equals(": keep-alive"), line);
            }
        });
        assertTrue(String.valueOf(cut.getCause()).contains("chunked"), cut.toString());
    }

    /** Everything the fake sends for one streamed request on a raw socket, until it closes the connection. */
    private static String rawExchange(String model) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", http.fake.port())) {
            String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[]}";
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void drop_before_headers_closes_without_an_answer() throws Exception {
        http.script("reset", "{\"dropBeforeHeaders\":true}", "{\"json\":{\"ok\":true}}");
        assertThrows(IOException.class, () -> http.chat("{\"model\":\"reset\",\"messages\":[]}"));
        assertEquals("{\"ok\":true}", http.chat("{\"model\":\"reset\",\"messages\":[]}").body(), "the next entry is played next");
    }

    @Test
    void notices_a_client_that_leaves_while_it_waits_between_frames() throws Exception {
        http.script("leave", "{\"sse\":[\"a\",{\"data\":\"b\",\"delayMs\":5000},\"c\"]}");
        long closedAt = readFirstFrameAndHangUp("leave");
        JsonNode event = http.awaitEvent("client_closed", "leave", 2000);
        assertNotNull(event, "client_closed within 2 s: " + http.json("/__admin/events"));
        assertEquals(1, event.get("framesWritten").asInt());
        assertEquals(3, event.get("frames").asInt());
        assertEquals("/v1/chat/completions", event.get("path").asText());
        long noticedAfter = event.get("atMillis").asLong() - closedAt;
        assertTrue(noticedAfter < 1000, "noticed " + noticedAfter + " ms after the client left");
        assertFalse(http.json("/__admin/events").toString().contains("completed"));
    }

    @Test
    void notices_a_client_that_leaves_while_it_stalls_after_the_last_frame() throws Exception {
        http.script("stall", "{\"sse\":[\"a\"],\"stallMs\":5000}");
        long closedAt = readFirstFrameAndHangUp("stall");
        JsonNode event = http.awaitEvent("client_closed", "stall", 2000);
        assertNotNull(event, "client_closed: " + http.json("/__admin/events"));
        assertEquals(1, event.get("framesWritten").asInt());
        assertTrue(event.get("atMillis").asLong() - closedAt < 1000);
    }

    @Test
    void notices_a_java_http_client_that_closes_the_body_mid_stream() throws Exception {
        http.script("close", "{\"frameDelayMs\":50,\"keepAliveMs\":0,\"sse\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\"]}");
        HttpResponse<InputStream> response = http.chatStream("{\"model\":\"close\",\"messages\":[]}");
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertEquals("data: a", reader.readLine());
        reader.close();
        JsonNode event = http.awaitEvent("client_closed", "close", 2000);
        assertNotNull(event, "client_closed: " + http.json("/__admin/events"));
        assertTrue(event.get("framesWritten").asInt() < 12);
    }

    /** A raw HTTP/1.1 client that reads the first frame, then closes the socket; returns when it closed. */
    private static long readFirstFrameAndHangUp(String model) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", http.fake.port())) {
            String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[]}";
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!seen.toString().contains("data: a")) {
                int n = socket.getInputStream().read(buffer);
                assertTrue(n > 0, "stream ended early: " + seen);
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        return System.currentTimeMillis();
    }
}
