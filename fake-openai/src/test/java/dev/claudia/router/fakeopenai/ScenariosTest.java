package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.claudia.router.fakeopenai.FakeHttp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every built-in scenario, answered whole and streamed. */
class ScenariosTest {

    @RegisterExtension
    static final FakeHttp http = new FakeHttp();

    /** A whole answer: status 200, one choice, usage. */
    private static JsonNode whole(String model) throws Exception {
        HttpResponse<String> r = http.chat(FakeHttp.req(model, false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("chat.completion", body.get("object").asText());
        assertEquals(model, body.get("model").asText());
        assertEquals("assistant", body.at("/choices/0/message/role").asText());
        assertTrue(body.at("/usage/prompt_tokens").asInt() > 0, r.body());
        return body;
    }

    /** A streamed answer with include_usage: the chunks' JSON, after checking the framing and [DONE]. */
    private static List<JsonNode> streamed(String model) throws Exception {
        HttpResponse<String> r = http.chat("{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/event-stream", r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.body().endsWith("\n\ndata: [DONE]\n\n"), r.body());
        List<JsonNode> chunks = new ArrayList<>();
        for (String frame : r.body().split("\n\n")) {
            assertTrue(frame.startsWith("data: "), "every frame is one data line: " + frame);
            assertFalse(frame.substring(6).contains("\n"), frame);
            if (!frame.equals("data: [DONE]")) {
                JsonNode chunk = JSON.readTree(frame.substring(6));
                assertEquals("chat.completion.chunk", chunk.get("object").asText());
                chunks.add(chunk);
            }
        }
        assertEquals(1, chunks.stream().map(c -> c.get("id").asText()).distinct().count(), "one id per completion");
        assertEquals("assistant", chunks.getFirst().at("/choices/0/delta/role").asText());
        JsonNode usage = chunks.getLast();
        assertEquals(0, usage.get("choices").size(), "usage chunk has choices: []");
        assertTrue(usage.at("/usage/completion_tokens").asInt() > 0);
        for (JsonNode c : chunks.subList(0, chunks.size() - 1)) {
            assertTrue(c.get("usage").isNull(), "the other chunks say usage: null: " + c);
        }
        return chunks;
    }

    private static String joined(List<JsonNode> chunks, String field) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/" + field).asText("")));
        return text.toString();
    }

    private static String finish(List<JsonNode> chunks) {
        return chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText();
    }

    @Test
    void text() throws Exception {
        JsonNode body = whole("text");
        assertEquals(Scenarios.TEXT, body.at("/choices/0/message/content").asText());
        assertEquals("stop", body.at("/choices/0/finish_reason").asText());
        assertEquals(17, body.at("/usage/total_tokens").asInt());
        List<JsonNode> chunks = streamed("text");
        assertEquals(Scenarios.TEXT, joined(chunks, "content"));
        assertTrue(chunks.size() > 4, "word by word");
        assertEquals("stop", finish(chunks));
    }

    @Test
    void a_stream_without_include_usage_has_no_usage_chunk() throws Exception {
        String body = http.chat(FakeHttp.req("text", true)).body();
        assertFalse(body.contains("usage"), body);
        assertTrue(body.contains("\"finish_reason\":\"stop\"") && body.endsWith("data: [DONE]\n\n"), body);
    }

    @Test
    void echo() throws Exception {
        HttpResponse<String> r = http.chat("{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"ping \"},"
                + "{\"type\":\"text\",\"text\":\"me\"}]}]}");
        assertEquals("ping me", JSON.readTree(r.body()).at("/choices/0/message/content").asText());
        assertEquals("hi there", joined(streamed("echo"), "content"));
    }

    @Test
    void tool() throws Exception {
        JsonNode message = whole("tool").at("/choices/0/message");
        assertEquals(1, message.get("tool_calls").size());
        assertEquals("get_weather", message.at("/tool_calls/0/function/name").asText());
        assertEquals(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
                JSON.readTree(message.at("/tool_calls/0/function/arguments").asText()));
        List<JsonNode> chunks = streamed("tool");
        assertEquals("tool_calls", finish(chunks));
        assertEquals("{\"city\":\"Paris\",\"unit\":\"celsius\"}", arguments(chunks, 0));
        assertTrue(chunks.stream().filter(c -> c.at("/choices/0/delta/tool_calls/0/function/arguments").asText("").length() > 0)
                .count() >= 3, "arguments arrive in pieces");
    }

    @Test
    void parallel_tools() throws Exception {
        JsonNode calls = whole("parallel-tools").at("/choices/0/message/tool_calls");
        assertEquals(2, calls.size());
        assertEquals("get_weather", calls.at("/0/function/name").asText());
        assertEquals("get_time", calls.at("/1/function/name").asText());
        assertFalse(calls.at("/0/id").asText().equals(calls.at("/1/id").asText()));
        List<JsonNode> chunks = streamed("parallel-tools");
        assertEquals("{\"city\":\"Paris\",\"unit\":\"celsius\"}", arguments(chunks, 0));
        assertEquals("{\"zone\":\"Europe/Paris\"}", arguments(chunks, 1));
        assertEquals("tool_calls", finish(chunks));
    }

    private static String arguments(List<JsonNode> chunks, int index) {
        StringBuilder args = new StringBuilder();
        for (JsonNode c : chunks) {
            for (JsonNode call : c.at("/choices/0/delta/tool_calls")) {
                if (call.get("index").asInt() == index) {
                    args.append(call.at("/function/arguments").asText(""));
                }
            }
        }
        return args.toString();
    }

    @Test
    void reasoning() throws Exception {
        JsonNode message = whole("reasoning").at("/choices/0/message");
        assertEquals("2 plus 2 is 4.", message.get("reasoning_content").asText());
        assertEquals("The answer is 4.", message.get("content").asText());
        List<JsonNode> chunks = streamed("reasoning");
        assertEquals("2 plus 2 is 4.", joined(chunks, "reasoning_content"));
        assertEquals("The answer is 4.", joined(chunks, "content"));
        int lastReasoning = -1;
        int firstText = Integer.MAX_VALUE;
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).at("/choices/0/delta").has("reasoning_content")) {
                lastReasoning = i;
            }
            if (!chunks.get(i).at("/choices/0/delta/content").asText("").isEmpty()) {
                firstText = Math.min(firstText, i);
            }
        }
        assertTrue(lastReasoning < firstText, "reasoning first, then text");
    }

    @Test
    void usage_cached() throws Exception {
        assertEquals(80, whole("usage-cached").at("/usage/prompt_tokens_details/cached_tokens").asInt());
        assertEquals(80, streamed("usage-cached").getLast().at("/usage/prompt_tokens_details/cached_tokens").asInt());
        assertTrue(whole("text").at("/usage/prompt_tokens_details").isMissingNode(), "others have no details");
    }

    @Test
    void rate_limit_then_ok_per_conversation() throws Exception {
        String one = FakeHttp.req("rate-limit-then-ok", false);
        String two = "{\"model\":\"rate-limit-then-ok\",\"messages\":[{\"role\":\"user\",\"content\":\"other\"}]}";
        HttpResponse<String> limited = http.chat(one);
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("retry-after").orElseThrow());
        assertEquals("rate_limit_exceeded", JSON.readTree(limited.body()).at("/error/type").asText());
        assertEquals(200, http.chat(one).statusCode());
        assertEquals(200, http.chat(one).statusCode(), "only the first try is refused");
        assertEquals(429, http.chat(two).statusCode(), "another conversation is refused once too");
        assertEquals(200, http.chat(two.replace("}]}", "}],\"stream\":true}")).statusCode());
        http.reset();
        assertEquals(429, http.chat(one).statusCode(), "a reset forgets the conversations");
    }

    @ParameterizedTest
    @CsvSource({
            "error-400, 400, invalid_request_error",
            "error-401, 401, invalid_api_key",
            "error-500, 500, server_error",
            "error-503, 503, service_unavailable",
            "context-overflow, 400, context_length_exceeded"})
    void errors_answer_in_openais_error_shape_streamed_or_not(String model, int status, String type) throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r = http.chat(FakeHttp.req(model, stream));
            assertEquals(status, r.statusCode(), r.body());
            assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertEquals(type, error.get("type").asText());
            assertTrue(error.get("message").asText().length() > 20, r.body());
            assertTrue(error.has("param") && error.has("code"), r.body());
        }
    }

    @Test
    void context_overflow_says_the_limit_and_the_size() throws Exception {
        assertEquals("This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
                JSON.readTree(http.chat(FakeHttp.req("context-overflow", false)).body()).at("/error/message").asText());
    }

    @Test
    void slow_waits_two_seconds_before_answering() throws Exception {
        long start = System.nanoTime();
        assertEquals(Scenarios.TEXT, whole("slow").at("/choices/0/message/content").asText());
        assertTrue(System.nanoTime() - start >= 2_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme/tool", "openrouter/x/tool"})
    void the_model_names_a_scenario_by_its_last_segment(String model) throws Exception {
        assertEquals("get_weather", whole(model).at("/choices/0/message/tool_calls/0/function/name").asText());
    }

    @Test
    void the_x_fake_scenario_header_picks_a_scenario_for_any_model() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(http.base.resolve("/v1/chat/completions"))
                .header("x-fake-scenario", "reasoning")
                .POST(HttpRequest.BodyPublishers.ofString(FakeHttp.req("gpt-real-name", false))));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("gpt-real-name", body.get("model").asText());
        assertEquals("2 plus 2 is 4.", body.at("/choices/0/message/reasoning_content").asText());
    }

    @Test
    void every_named_scenario_answers() throws Exception {
        for (String name : Scenarios.NAMES) {
            if (!name.equals("slow")) {
                assertFalse(http.chat(FakeHttp.req(name, false)).statusCode() == 404, name + " is a scenario");
            }
        }
    }
}
