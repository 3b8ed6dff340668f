package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stuck readers while other streams run, against the running router and the containerized fake:
 * six clients open streams whose provider sends megabytes at once, and never read (small receive
 * buffers, like a Claude Code suspended with Ctrl-Z). Meanwhile other streams keep their pace, a
 * quiet stream keeps getting pings, and {@code /health} answers at once; after
 * {@code limits.writeStallTimeoutMs} the stuck streams end and the fake sees their provider
 * connections closed.
 */
class SlowClientFaultTest {

    private static final int STUCK = 6;
    private static final long STALL_MS = 6000;

    private static FakeOpenAiAdmin fake;
    private static LaunchedRouter router;
    private static final HttpClient client = dev.claudia.router.systemtests.secrets.RecordingClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        ObjectNode config = RouterUnderTest.fakeConfig(container.baseUrl(), "fault-paced",
                List.of("fault-stuck", "fault-paced", "fault-quiet"));
        config.putObject("limits").put("writeStallTimeoutMs", STALL_MS);
        router = LaunchedRouter.start(config, Map.of("FAKE_API_KEY", "sk-fake-fault-key", "CLAUDIA_PING_INTERVAL_MS", "300"));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static String text(String t) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + t + "\"},\"finish_reason\":null}]}";
    }

    private static final String STOP = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    private static String request(String alias) {
        return "{\"model\":\"claude-fault-" + alias + "\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
    }

    private static Socket stuckReader() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new InetSocketAddress("127.0.0.1", router.port()));
        byte[] body = request("stuck").getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return socket;
    }

    private static List<Sse.Frame> stream(String alias) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages"))
                .header("x-api-key", "k").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(request(alias))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return new Sse(response.body()).rest();
    }

    private static long stuckClosed() {
        return fake.events().stream().filter(e -> e.path("model").asText().equals("fault-stuck")
                && e.path("type").asText().equals("client_closed")).count();
    }

    @Test
    void stuck_readers_slow_nobody_else_and_are_let_go_after_the_bound() throws Exception {
        fake.clearEvents();
        String megabytes = text("x".repeat(8 * 1024));
        List<Script> stuckScripts = new ArrayList<>();
        for (int i = 0; i < STUCK; i++) {
            // Megabytes at once, then the provider keeps the stream open (writing keep-alives), as a long
            // answer would: so it notices when the router hangs up on it.
            stuckScripts.add(Script.frames(Script.Frame.data(megabytes).repeat(500)).stallMs(30_000));
        }
        fake.script("fault-stuck", stuckScripts);
        List<Script> paced = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] frames = new String[22];
            for (int f = 0; f < 20; f++) {
                frames[f] = text("t" + f + " ");
            }
            frames[20] = STOP;
            frames[21] = "[DONE]";
            paced.add(Script.sse(frames).frameDelayMs(50));
        }
        fake.script("fault-paced", paced);
        fake.script("fault-quiet", Script.frames(Script.Frame.data(text("hello ")),
                Script.Frame.data(text("again")).delayMs(3000), Script.Frame.data(STOP), Script.Frame.data("[DONE]")));

        List<Socket> stuck = new ArrayList<>();
        try {
            for (int i = 0; i < STUCK; i++) {
                stuck.add(stuckReader());
            }
            Thread.sleep(1500); // the provider's megabytes fill every buffer on the way; the router's writes block
            long blockedAt = System.nanoTime();

            CompletableFuture<List<Sse.Frame>> quiet = CompletableFuture.supplyAsync(() -> call("quiet"));
            List<CompletableFuture<Long>> pacedTimes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pacedTimes.add(CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    List<Sse.Frame> frames = call("paced");
                    assertEquals("message_stop", frames.getLast().event());
                    return (System.nanoTime() - start) / 1_000_000;
                }));
            }
            long healthStart = System.nanoTime();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(router.baseUri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            // Blocked by the stuck streams, /health would wait for the stall bound (6 s); 2 s leaves room
            // for a two-core box that is also building (1 s failed there with nothing stuck).
            long healthMillis = (System.nanoTime() - healthStart) / 1_000_000;
            assertTrue(healthMillis < 2000, "/health answers at once: " + healthMillis + " ms");
            for (CompletableFuture<Long> time : pacedTimes) {
                long millis = time.get();
                assertTrue(millis < 2500, "a stream of 20 deltas 50 ms apart kept its pace: " + millis + " ms");
            }
            List<Sse.Frame> quietFrames = quiet.get();
            long pings = quietFrames.stream().filter(f -> f.event().equals("ping")).count();
            assertTrue(pings >= 4, "pings every 300 ms through 3 s of provider silence: " + Sse.names(quietFrames));
            assertEquals("hello again", Sse.text(quietFrames));
            assertEquals(0, stuckClosed(), "all of this while the stuck streams were still blocked");
            assertTrue((System.nanoTime() - blockedAt) / 1_000_000 < STALL_MS, "and within the stall bound");

            long deadline = System.nanoTime() + Duration.ofMillis(STALL_MS + 6000).toNanos();
            while (stuckClosed() < STUCK && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(STUCK, stuckClosed(), "every stuck stream's provider connection was closed: " + fake.events());
            String log = router.log();
            assertEquals(STUCK, log.split("error=client_stalled", -1).length - 1, log);
            assertTrue(log.contains("the client read nothing for " + STALL_MS + " ms"), log);
        } finally {
            for (Socket s : stuck) {
                s.close();
            }
        }
    }

    private static List<Sse.Frame> call(String alias) {
        try {
            return stream(alias);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
