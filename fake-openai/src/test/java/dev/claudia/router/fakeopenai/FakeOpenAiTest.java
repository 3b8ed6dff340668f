package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static dev.claudia.router.fakeopenai.FakeHttp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script engine, the request journal and the admin API. */
class FakeOpenAiTest {

    @RegisterExtension
    static final FakeHttp http = new FakeHttp();

    @Test
    void plays_each_models_entries_in_order_then_says_how_to_script_more() throws Exception {
        http.script("m1", "{\"json\":{\"n\":1}}", "{\"status\":429,\"headers\":{\"Retry-After\":\"2\"},\"json\":{\"error\":{\"message\":\"slow\"}}}");
        http.script("m2", "{\"text\":\"plain\",\"headers\":{\"Content-Type\":\"text/x-test\",\"X-Multi\":[\"a\",\"b\"]}}");
        http.script("m1", "{\"status\":204}");

        HttpResponse<String> first = http.chat("{\"model\":\"m1\",\"messages\":[]}");
        assertEquals(200, first.statusCode());
        assertEquals("{\"n\":1}", first.body());
        assertEquals("application/json", first.headers().firstValue("content-type").orElseThrow());
        HttpResponse<String> other = http.chat("{\"model\":\"m2\",\"messages\":[]}");
        assertEquals("plain", other.body());
        assertEquals("text/x-test", other.headers().firstValue("content-type").orElseThrow());
        assertEquals(java.util.List.of("a", "b"), other.headers().allValues("x-multi"));
        HttpResponse<String> second = http.chat("{\"model\":\"m1\",\"messages\":[]}");
        assertEquals(429, second.statusCode());
        assertEquals("2", second.headers().firstValue("retry-after").orElseThrow());
        assertEquals(204, http.chat("{\"model\":\"m1\",\"messages\":[]}").statusCode(), "appended to the same queue");

        HttpResponse<String> spent = http.chat("{\"model\":\"m1\",\"messages\":[]}");
        assertEquals(404, spent.statusCode());
        JsonNode error = JSON.readTree(spent.body()).get("error");
        assertTrue(error.get("message").asText().contains("every response scripted for model \"m1\" has been used"), spent.body());
        assertTrue(error.get("message").asText().contains("POST /__admin/scripts"), spent.body());
        assertEquals("model_not_found", error.get("code").asText());

        HttpResponse<String> unknown = http.chat("{\"model\":\"never-scripted\",\"messages\":[]}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("nothing is scripted for model \\\"never-scripted\\\". Script one with POST /__admin/scripts"),
                unknown.body());
        assertTrue(unknown.body().contains("rate-limit-then-ok"), "lists the built-in scenarios: " + unknown.body());
    }

    @Test
    void a_script_wins_over_a_built_in_scenario_of_the_same_name() throws Exception {
        http.script("text", "{\"json\":{\"scripted\":true}}");
        assertEquals("{\"scripted\":true}", http.chat(FakeHttp.req("text", false)).body());
        assertTrue(http.chat(FakeHttp.req("text", false)).body().contains(Scenarios.TEXT), "then the scenario again");
    }

    @Test
    void compresses_a_body_for_real_with_gzip_and_only_labels_it_otherwise() throws Exception {
        http.script("zipped", "{\"json\":{\"n\":1},\"contentEncoding\":\"gzip\"}", "{\"json\":{\"n\":2},\"contentEncoding\":\"br\"}");
        HttpResponse<byte[]> gzip = http.client.send(java.net.http.HttpRequest.newBuilder(http.base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"zipped\"}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElseThrow());
        assertEquals("{\"n\":1}", new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body()))
                .readAllBytes(), StandardCharsets.UTF_8));
        HttpResponse<String> labelled = http.chat("{\"model\":\"zipped\"}");
        assertEquals("br", labelled.headers().firstValue("content-encoding").orElseThrow());
        assertEquals("{\"n\":2}", labelled.body());
    }

    @Test
    void cuts_a_whole_body_short_after_some_bytes() throws Exception {
        http.script("cut", "{\"text\":\"0123456789\",\"truncateAfterBytes\":4}");
        assertThrows(java.io.IOException.class, () -> http.chat("{\"model\":\"cut\"}"), "the declared length never arrives");
    }

    @Test
    void a_delayed_body_keeps_the_connection_busy_with_spaces_and_notices_a_departure() throws Exception {
        http.script("slow-json", "{\"json\":{\"ok\":true},\"bodyDelayMs\":300,\"keepAliveMs\":50}");
        HttpResponse<String> r = http.chat("{\"model\":\"slow-json\"}");
        assertEquals(200, r.statusCode());
        assertEquals("{\"ok\":true}", r.body().strip());
        assertTrue(r.body().startsWith(" "), "spaces first, a legal JSON prefix");
    }

    @Test
    void delays_the_status_line_by_delay_ms() throws Exception {
        http.script("late", "{\"delayMs\":400,\"json\":{}}");
        long start = System.nanoTime();
        assertEquals(200, http.chat("{\"model\":\"late\",\"messages\":[]}").statusCode());
        assertTrue(System.nanoTime() - start >= 400_000_000L);
    }

    @Test
    void rejects_a_bad_script_when_it_is_posted_saying_what_is_wrong() throws Exception {
        assertBad("{\"model\":\"x\",\"responses\":[{\"jsn\":{}}]}", "responses[0]: unknown field 'jsn'");
        assertBad("{\"model\":\"x\",\"responses\":[{\"json\":{},\"text\":\"\"}]}", "one body form only, got [json, text]");
        assertBad("{\"model\":\"x\",\"responses\":[{\"status\":42}]}", "status 42 is not an HTTP status");
        assertBad("{\"model\":\"x\",\"responses\":[{\"delayMs\":-1}]}", "'delayMs' must be a non-negative integer");
        assertBad("{\"model\":\"x\",\"responses\":[{\"json\":{},\"dropAfterFrames\":1}]}", "'dropAfterFrames' needs an SSE body");
        assertBad("{\"model\":\"x\",\"responses\":[{\"sse\":[{\"data\":\"a\",\"raw\":\"b\"}]}]}", "sse[0] must be");
        assertBad("{\"model\":\"x\",\"responses\":[{\"sseFile\":\"no/such.txt\"}]}", "send its content as \\\"sseText\\\" instead");
        assertBad("{\"responses\":[]}", "expected {\\\"model\\\"");
        assertEquals("[]", http.get("/__admin/scripts").body(), "nothing was queued");
    }

    private static void assertBad(String script, String says) throws Exception {
        HttpResponse<String> r = http.post("/__admin/scripts", script);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(says), r.body());
    }

    @Test
    void records_every_request_oldest_first_with_lower_cased_headers_and_the_parsed_body() throws Exception {
        long before = System.currentTimeMillis();
        http.script("rec", "{\"json\":{}}", "{\"json\":{}}");
        http.send(HttpRequest.newBuilder(http.base.resolve("/openai/v1/chat/completions?api-version=2024-01-01"))
                .header("Authorization", "Bearer sk-test").header("X-Custom-Thing", "yes")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"rec\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"}]}")));
        http.chat("{\"model\":\"rec\",\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}");
        http.chat("{\"model\":\"other\",\"messages\":[]}");
        http.get("/v1/models");

        JsonNode rec = http.json("/__admin/requests?model=rec");
        assertEquals(2, rec.size());
        JsonNode first = rec.get(0);
        assertEquals("POST", first.get("method").asText());
        assertEquals("/openai/v1/chat/completions", first.get("path").asText());
        assertEquals("api-version=2024-01-01", first.get("query").asText());
        assertEquals("Bearer sk-test", first.at("/headers/authorization").asText());
        assertEquals("yes", first.at("/headers/x-custom-thing").asText());
        assertEquals("first", first.at("/body/messages/0/content").asText());
        assertTrue(first.get("atMillis").asLong() >= before);
        assertEquals("second", rec.get(1).at("/body/messages/0/content").asText());
        assertTrue(rec.get(1).get("seq").asLong() > first.get("seq").asLong());

        JsonNode all = http.json("/__admin/requests");
        assertEquals(4, all.size(), "unscripted and unknown-path requests are recorded too");
        assertEquals("/v1/models", all.get(3).get("path").asText());

        assertEquals(204, http.delete("/__admin/requests").statusCode());
        assertEquals(0, http.json("/__admin/requests").size());
    }

    @Test
    void records_a_body_that_is_not_json_as_text_and_answers_400() throws Exception {
        HttpResponse<String> r = http.chat("not json {");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("not a JSON object"), r.body());
        assertEquals("not json {", http.json("/__admin/requests").get(0).get("body").asText());
    }

    @Test
    void lists_clears_and_resets_through_the_admin_api() throws Exception {
        http.script("left", "{\"json\":{\"a\":1}}", "{\"sseText\":\"data: x\\n\\n\"}");
        JsonNode scripts = http.json("/__admin/scripts");
        assertEquals("left", scripts.get(0).get("model").asText());
        assertEquals(2, scripts.get(0).get("responses").size());
        assertEquals("data: x\n\n", scripts.get(0).at("/responses/1/sse/0/raw").asText(), "shown normalized");
        assertEquals(204, http.delete("/__admin/scripts").statusCode());
        assertEquals(404, http.chat("{\"model\":\"left\",\"messages\":[]}").statusCode());
        assertEquals(204, http.delete("/__admin/events").statusCode());
        assertEquals("{\"status\":\"ok\"}", http.get("/health").body());
        HttpResponse<String> nope = http.get("/__admin/nope");
        assertEquals(404, nope.statusCode());
        assertTrue(nope.body().contains("POST/GET/DELETE /__admin/scripts"), nope.body());
    }

    @Test
    void main_takes_the_port_from_the_argument_or_the_environment_and_says_when_it_listens() throws Exception {
        assertEquals(0, FakeOpenAi.port(new String[0], null));
        assertEquals(8123, FakeOpenAi.port(new String[0], "8123"));
        assertEquals(9001, FakeOpenAi.port(new String[] {"--port", "9001"}, "8123"));
        assertEquals(9002, FakeOpenAi.port(new String[] {"--port=9002"}, null));
        assertThrows(IllegalArgumentException.class, () -> FakeOpenAi.port(new String[] {"--port", "x"}, null));
        assertThrows(IllegalArgumentException.class, () -> FakeOpenAi.port(new String[] {"--verbose"}, null));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FakeOpenAi started = FakeOpenAi.start(0, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals("fake-openai listening on 127.0.0.1:" + started.port() + System.lineSeparator(),
                    out.toString(StandardCharsets.UTF_8));
            assertFalse(started.port() == 0);
        }
    }
}
