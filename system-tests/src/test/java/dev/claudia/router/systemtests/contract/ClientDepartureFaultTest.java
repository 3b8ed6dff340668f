package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that leave before their answer is ready, against the packaged router and the fake: one
 * leaving during a retry's backoff gets no further attempt, and one leaving a slow whole answer gets
 * its provider call cancelled (the fake sees its connection closed) instead of left to run.
 */
class ClientDepartureFaultTest {

    private static final long BACKOFF_MS = 4000;
    private static FakeOpenAiAdmin fake;
    private static LaunchedRouter router;

    @BeforeAll
    static void start() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        ObjectNode config = RouterUnderTest.fakeConfig(container.baseUrl(), "cd-slow",
                java.util.List.of("cd-retry", "cd-spare", "cd-slow"));
        config.with("modelProfiles").with("claude-cd-retry").put("retryAttempts", 3).put("retryBaseDelayMs", BACKOFF_MS)
                .putArray("fallbacks").add("claude-cd-spare");
        router = LaunchedRouter.start(config, Map.of("FAKE_API_KEY", "sk-fake-departure-key"));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    /** Sends a request on a raw connection and returns it, unread. */
    private static Socket send(String alias, boolean stream) throws Exception {
        Socket socket = new Socket("127.0.0.1", router.port());
        byte[] body = ("{\"model\":\"claude-cd-" + alias + "\",\"max_tokens\":20,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return socket;
    }

    private static void awaitRequests(String model, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fake.requests(model).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, fake.requests(model).size(), model);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void a_client_leaving_during_a_backoff_stops_every_further_attempt(boolean stream) throws Exception {
        fake.clearRequests();
        String error = "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}";
        fake.script("cd-retry", Script.status(500).body(error), Script.status(500).body(error), Script.status(500).body(error));
        try (Socket client = send("retry", stream)) {
            awaitRequests("cd-retry", 1);
            Thread.sleep(300); // well inside the backoff
        } // the client leaves
        Thread.sleep(BACKOFF_MS + 1500);
        assertEquals(1, fake.requests("cd-retry").size(), "no retry after the client left");
        assertEquals(0, fake.requests("cd-spare").size(), "no fallback either");
        fake.clearScripts();
        assertTrue(router.log().contains("status=499 error=client_closed"), router.log());
    }

    @org.junit.jupiter.api.Test
    void a_non_streaming_client_leaving_cancels_its_provider_call() throws Exception {
        fake.clearEvents();
        fake.script("cd-slow", Script.json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"too late\"},\"finish_reason\":\"stop\"}]}").bodyDelayMs(30_000));
        long left;
        try (Socket client = send("slow", false)) {
            awaitRequests("cd-slow", 1);
            Thread.sleep(300);
            left = System.nanoTime();
        }
        fake.awaitEvent("client_closed", "cd-slow", Duration.ofSeconds(10));
        long noticed = (System.nanoTime() - left) / 1_000_000;
        assertTrue(noticed < 10_000, "the provider call was dropped " + noticed + " ms after the client left, "
                + "not after the 30 s answer");
    }
}
