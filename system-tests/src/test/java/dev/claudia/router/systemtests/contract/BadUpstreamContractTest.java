package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import dev.claudia.router.systemtests.fake.Script.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Providers that misbehave, played by the containerized fake, against the packaged router (a JVM of
 * its own with small {@code upstream} bounds, a 2 s read timeout and a 3 s total stream bound):
 * redirects, HTML pages, truncated and huge bodies, giant SSE lines, endless and comment-only
 * streams, resets, compressed answers, errors that echo the key. Each case gets a clear Anthropic
 * error naming the backend (or, mid-stream, an {@code error} event), within a bound; compressed
 * answers the router can read are served. The prompt is never sent anywhere else, the key never
 * reaches the caller or the log, and the router keeps serving with no stack trace in its log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadUpstreamContractTest {

    private static final String KEY = "sk-planted-bad-upstream-key-0042";
    private static final int MAX_ANSWER = 64 * 1024;
    private static final int MAX_LINE = 16 * 1024;
    private static final long BOUND_MS = 15_000;
    private static final String OK = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"fine\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}";
    private static final String STOP = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    private static FakeOpenAiAdmin fake;
    private static URI fakeUrl;
    private static LaunchedRouter router;
    private static final HttpClient client = dev.claudia.router.systemtests.secrets.RecordingClient.newHttpClient();

    private static String delta(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    /** What the caller must see. */
    sealed interface Outcome {}

    /** A plain HTTP error (nothing was streamed yet): status, Anthropic type, words of the message. */
    record Refused(int status, String type, String says) implements Outcome {}

    /** A stream that started and ends with an {@code error} event of this type and these words. */
    record EndedWith(String type, String says) implements Outcome {}

    /** A normal answer with this text. */
    record Served(String text) implements Outcome {}

    record Case(String name, boolean stream, Script script, Outcome outcome) {
        String model() {
            return "bu-" + name;
        }

        @Override
        public String toString() {
            return name + (stream ? " (stream)" : "");
        }
    }

    static List<Case> cases() {
        String huge = "x".repeat(MAX_ANSWER * 2);
        String page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>";
        return List.of(
                new Case("redirect", false, Script.status(307).header("Location", "/elsewhere/v1/chat/completions?sig=abc"),
                        new Refused(502, "api_error", "redirect (HTTP 307")),
                new Case("redirect-stream", true, Script.status(301).header("Location", "https://other.example/v1"),
                        new Refused(502, "api_error", "never follows provider redirects")),
                new Case("html-ok", false, Script.text(page).header("Content-Type", "text/html"),
                        new Refused(502, "api_error", "not a chat completion")),
                new Case("html-stream", true, Script.text(page).header("Content-Type", "text/html"),
                        new Refused(502, "api_error", "HTML page instead of an event stream")),
                new Case("html-error", false, Script.status(502).rawBody(page).header("Content-Type", "text/html"),
                        new Refused(500, "api_error", "502 Bad Gateway Bad Gateway nginx")),
                new Case("truncated", false, Script.json(OK).truncateAfterBytes(20),
                        new Refused(502, "api_error", "broke off its answer")),
                new Case("huge-answer", false, Script.text("{\"pad\":\"" + huge + "\"}").header("Content-Type",
                        "application/json"), new Refused(502, "api_error", "sent an answer longer than 64 KB "
                        + "(upstream.maxAnswerBytes)")),
                new Case("huge-error", false, Script.status(500).rawBody(huge), new Refused(500, "api_error",
                        "returned HTTP 500: xxxx")),
                new Case("reset", false, Script.dropConnection(), new Refused(502, "api_error", "could not reach backend 'fake'")),
                new Case("gzip", false, Script.json(OK).contentEncoding("gzip"), new Served("fine")),
                new Case("deflate", false, Script.json(OK).contentEncoding("deflate"), new Served("fine")),
                new Case("brotli", false, Script.json(OK).contentEncoding("br"), new Refused(502, "api_error",
                        "compressed answer (content-encoding: br)")),
                new Case("gzip-stream", true, Script.sse(delta("zipped "), delta("stream"), STOP, "[DONE]")
                        .contentEncoding("gzip").frameDelayMs(20), new Served("zipped stream")),
                new Case("key-echo", false, Script.status(401).body("{\"error\":{\"message\":\"Incorrect API key provided: "
                        + KEY + "\"}}"), new Refused(401, "authentication_error", "[REDACTED]")),
                new Case("giant-line", true, Script.frames(Frame.data(delta("start")),
                        Frame.raw("data: " + "y".repeat(4096)).repeat(16), Frame.raw("\n\n")),
                        new EndedWith("api_error", "a line longer than 16 KB in its event stream (upstream.maxSseLineBytes)")),
                new Case("endless", true, Script.frames(Frame.data(delta("again ")).delayMs(100).repeat(100_000)),
                        new EndedWith("timeout_error", "kept its stream open for more than 3 s (upstream.maxStreamSeconds)")),
                new Case("comments-only", true, Script.frames(Frame.data(delta("thinking")),
                        Frame.raw(": OPENROUTER PROCESSING\n\n").delayMs(200).repeat(200)),
                        new EndedWith("timeout_error", "sent no event for 2 s")),
                new Case("reset-mid-stream", true, Script.sse(delta("half "), delta("way"), STOP, "[DONE]")
                        .dropAfterFrames(2).stallMs(100), new EndedWith("api_error", "lost mid-stream")));
    }

    @BeforeAll
    static void start() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        fakeUrl = container.baseUrl();
        ObjectNode config = RouterUnderTest.fakeConfig(fakeUrl, "bu-default", cases().stream().map(Case::model).toList());
        config.putObject("upstream").put("maxAnswerBytes", MAX_ANSWER).put("maxErrorBodyBytes", 1024)
                .put("maxSseLineBytes", MAX_LINE).put("maxStreamSeconds", 3);
        router = LaunchedRouter.start(config, Map.of("FAKE_API_KEY", KEY, "CLAUDIA_READ_TIMEOUT_MS", "2000"));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static HttpRequest request(Case c) {
        return HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages")).header("x-api-key", "k")
                .timeout(Duration.ofMillis(BOUND_MS)).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-"
                        + c.model() + "\",\"max_tokens\":50,\"stream\":" + c.stream()
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void a_misbehaving_provider_gets_a_clear_answer_within_a_bound(Case c) throws Exception {
        fake.script(c.model(), c.script());
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request(c), HttpResponse.BodyHandlers.ofInputStream());
        switch (c.outcome()) {
            case Refused refused -> {
                String body = new String(response.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(refused.status(), response.statusCode(), body);
                JsonNode error = RouterUnderTest.JSON.readTree(body);
                assertEquals(refused.type(), error.at("/error/type").asText(), body);
                assertTrue(error.at("/error/message").asText().contains(refused.says()), body);
                assertFalse(body.contains("<html") || body.contains("<h1>"), "no markup quoted: " + body);
                assertTrue(body.length() < 4000, "a bounded message: " + body.length());
            }
            case EndedWith ended -> {
                assertEquals(200, response.statusCode());
                List<Sse.Frame> frames = new Sse(response.body()).rest();
                Sse.Frame last = frames.getLast();
                assertEquals("error", last.event(), Sse.names(frames).toString());
                assertEquals(ended.type(), last.data().at("/error/type").asText(), last.data().toString());
                assertTrue(last.data().at("/error/message").asText().contains(ended.says()), last.data().toString());
                assertFalse(Sse.text(frames).isEmpty(), "content came first");
            }
            case Served served -> {
                assertEquals(200, response.statusCode());
                if (c.stream()) {
                    List<Sse.Frame> frames = new Sse(response.body()).rest();
                    assertEquals("message_stop", frames.getLast().event(), Sse.names(frames).toString());
                    assertEquals(served.text(), Sse.text(frames));
                } else {
                    JsonNode answer = RouterUnderTest.JSON.readTree(response.body());
                    assertEquals(served.text(), answer.at("/content/0/text").asText(), answer.toString());
                }
            }
        }
        assertTrue((System.nanoTime() - start) / 1_000_000 < BOUND_MS);
        assertEquals(1, fake.requests(c.model()).size(), "asked once (one attempt), and nowhere else");
    }

    @Test
    @Order(2)
    void nothing_was_sent_where_a_redirect_pointed_and_streams_that_were_ended_were_closed_upstream() throws Exception {
        assertTrue(fake.requests().stream().noneMatch(r -> r.path("path").asText().startsWith("/elsewhere")),
                "the redirect's target never got the prompt");
        for (String model : List.of("bu-endless", "bu-comments-only")) {
            assertTrue(fake.awaitEvent("client_closed", model, Duration.ofSeconds(5)) != null,
                    model + ": the router hung up on the provider");
        }
    }

    @Test
    @Order(3)
    void the_router_keeps_serving_and_its_log_has_neither_the_key_nor_a_stack_trace() throws Exception {
        fake.script("bu-default", Script.json(OK));
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages"))
                .header("x-api-key", "k").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"anything\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(router.alive());
        String log = router.log();
        assertFalse(log.contains(KEY), "the key never reaches the log");
        assertFalse(log.contains("\tat dev.claudia") || log.contains("Exception:"), log);
    }
}
