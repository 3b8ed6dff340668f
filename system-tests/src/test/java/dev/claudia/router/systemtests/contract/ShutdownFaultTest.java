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
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to the packaged router while it serves (what a service manager, {@code kill} or Ctrl-C
 * does): it stops accepting at once, lets what finishes within {@code shutdown.graceSeconds} finish
 * (a short stream, a whole answer), ends the rest with an {@code overloaded_error} event (which
 * Claude Code retries), closes the provider connections and exits with code 0.
 */
class ShutdownFaultTest {

    private static final int GRACE_SECONDS = 2;
    private static final String STOP = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
    private static final String OK = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"whole\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}";
    private static final HttpClient client = dev.claudia.router.systemtests.secrets.RecordingClient.newHttpClient();

    private static String delta(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    private static CompletableFuture<HttpResponse<InputStream>> ask(LaunchedRouter router, String alias, boolean stream) {
        return client.sendAsync(HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages")).header("x-api-key", "k")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sd-" + alias
                        + "\",\"max_tokens\":50,\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void sigterm_lets_short_requests_finish_ends_long_streams_with_overloaded_error_and_exits_zero() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        FakeOpenAiAdmin fake = container.admin();
        ObjectNode config = RouterUnderTest.fakeConfig(container.baseUrl(), "sd-short",
                List.of("sd-long", "sd-short", "sd-whole"));
        config.putObject("shutdown").put("graceSeconds", GRACE_SECONDS);
        fake.script("sd-long", Script.frames(Frame.data(delta("tick ")).delayMs(200).repeat(300)));
        fake.script("sd-short", Script.sse(delta("short "), delta("and "), delta("done"), STOP, "[DONE]").frameDelayMs(250));
        fake.script("sd-whole", Script.json(OK).bodyDelayMs(800));
        LaunchedRouter router = LaunchedRouter.start(config, Map.of("FAKE_API_KEY", "sk-fake-shutdown-key"));
        try {
            Sse longFrames = new Sse(ask(router, "long", true).get(10, TimeUnit.SECONDS).body());
            List<String> seen = new java.util.ArrayList<>();
            while (!seen.contains("content_block_delta")) {
                seen.add(longFrames.next().event());
            }
            CompletableFuture<HttpResponse<InputStream>> shortStream = ask(router, "short", true);
            CompletableFuture<HttpResponse<InputStream>> whole = ask(router, "whole", false);
            long reached = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((fake.requests("sd-short").isEmpty() || fake.requests("sd-whole").isEmpty())
                    && System.nanoTime() < reached) {
                Thread.sleep(10);
            }
            assertFalse(fake.requests("sd-short").isEmpty() || fake.requests("sd-whole").isEmpty(), "all three in flight");

            long signalled = System.nanoTime();
            router.terminate();
            Thread.sleep(300);
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", router.port()).close(),
                    "the listening socket is closed at once");

            List<Sse.Frame> shortFrames = new Sse(shortStream.get(20, TimeUnit.SECONDS).body()).rest();
            assertEquals("message_stop", shortFrames.getLast().event(), "a stream that ends within the grace ends normally");
            assertEquals("short and done", Sse.text(shortFrames));
            HttpResponse<InputStream> answer = whole.get(20, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), "a whole answer ready within the grace is served");
            JsonNode body = RouterUnderTest.JSON.readTree(answer.body());
            assertEquals("whole", body.at("/content/0/text").asText(), body.toString());

            List<Sse.Frame> rest = longFrames.rest();
            Sse.Frame last = rest.getLast();
            assertEquals("error", last.event(), Sse.names(rest).toString());
            assertEquals("overloaded_error", last.data().at("/error/type").asText(), last.data().toString());
            assertTrue(last.data().at("/error/message").asText().contains("shutting down"), last.data().toString());
            assertFalse(Sse.names(rest).contains("message_stop"));

            assertEquals(0, router.awaitExit(Duration.ofSeconds(GRACE_SECONDS + 15)), router.log());
            long took = (System.nanoTime() - signalled) / 1_000_000;
            assertTrue(took >= GRACE_SECONDS * 1000L - 100, "the long stream had its grace: " + took + " ms");
            fake.awaitEvent("client_closed", "sd-long", Duration.ofSeconds(5)); // its provider connection was closed
            String log = router.log();
            assertTrue(log.contains("stopping: no new requests; 3 in flight get up to " + GRACE_SECONDS + " s"), log);
            assertTrue(log.contains("ending 1 request(s) still in flight"), log);
            assertTrue(log.contains("error=overloaded_error"), log);
            assertTrue(log.contains(" stopped"), log);
        } finally {
            router.close();
        }
    }
}
