import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reliability benchmark of docs/performance.md, self-contained: a fake OpenAI-compatible backend
 * in this JVM, the packaged router in a JVM of its own (the flags of the {@code claudia} script), and
 * clients here.
 *
 * <ul>
 * <li><b>load</b>: {@code STREAMS} (500) clients stream back to back for {@code SECONDS} (60): errors
 *     (target 0), the router's peak RSS, first-delta latency p50/p99 (request sent to first text delta);</li>
 * <li><b>stuck</b>: {@code PACED} (32) clients stream back to back for {@code STUCK_SECONDS} (30), first
 *     alone, then with {@code STUCK} (6) clients that never read a stream of megabytes (re-opened when the
 *     router cuts them off): streams per second with / without (target >= 0.9).</li>
 * </ul>
 *
 * Run from the checkout, with the router packaged ({@code ./mvnw -pl bootstrap -am package -DskipTests}):
 * {@code java bench/Stress.java [load|stuck|all]}. Environment: STREAMS, SECONDS, PACED, STUCK,
 * STUCK_SECONDS, DELTAS (20 per stream), DELTA_MS (50 between deltas), ROUTER_OPTS (JVM flags; default
 * {@code @bootstrap/jvm.options}, the script's).
 */
public final class Stress {

    static final int DELTAS = env("DELTAS", 20);
    static final int DELTA_MS = env("DELTA_MS", 50);

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        try (Backend backend = new Backend(); Router router = Router.start(backend.port())) {
            Stress.warmUp(router);
            if (what.equals("load") || what.equals("all")) {
                load(router, env("STREAMS", 500), Duration.ofSeconds(env("SECONDS", 60)));
            }
            if (what.equals("stuck") || what.equals("all")) {
                Duration d = Duration.ofSeconds(env("STUCK_SECONDS", 30));
                int paced = env("PACED", 32);
                Result alone = run(router, paced, d, 0);
                Result withStuck = run(router, paced, d, env("STUCK", 6));
                System.out.printf("stuck: %d paced streams, %d s each run: %.1f streams/s alone, %.1f with %d stuck readers "
                                + "(ratio %.3f); errors %d / %d%n", paced, d.toSeconds(), alone.perSecond(d),
                        withStuck.perSecond(d), env("STUCK", 6), withStuck.perSecond(d) / alone.perSecond(d),
                        alone.errors.get(), withStuck.errors.get());
            }
        }
    }

    static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    // ------------------------------------------------------------------------------------ scenarios

    static void warmUp(Router router) throws Exception {
        run(router, 16, Duration.ofSeconds(10), 0);
    }

    static void load(Router router, int streams, Duration duration) throws Exception {
        router.resetPeak();
        Result r = run(router, streams, duration, 0);
        List<Long> first = new ArrayList<>(r.firstDelta);
        Collections.sort(first);
        System.out.printf("load: %d concurrent streams for %d s: %d streams, %d errors%s; first delta p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms; router peak RSS %d MiB (VmHWM %d MiB)%n", streams,
                duration.toSeconds(), r.completed.get(), r.errors.get(), r.firstErrors.isEmpty() ? "" : " " + r.firstErrors,
                pct(first, 50), pct(first, 99), first.isEmpty() ? 0 : first.getLast() / 1e6, router.peakRssMiB(),
                router.hwmMiB());
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static final class Result {
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final List<Long> firstDelta = Collections.synchronizedList(new ArrayList<>());
        final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

        double perSecond(Duration d) {
            return completed.get() / (double) d.toSeconds();
        }

        void error(String what) {
            errors.incrementAndGet();
            if (firstErrors.size() < 5) {
                firstErrors.add(what);
            }
        }
    }

    /** {@code clients} stream back to back for {@code duration}, with {@code stuck} readers holding streams meanwhile. */
    static Result run(Router router, int clients, Duration duration, int stuck) throws Exception {
        Result result = new Result();
        AtomicBoolean running = new AtomicBoolean(true);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Thread> threads = new ArrayList<>();
        List<Socket> stuckSockets = Collections.synchronizedList(new ArrayList<>());
        for (int s = 0; s < stuck; s++) {
            threads.add(Thread.ofVirtual().start(() -> holdStuck(router, running, stuckSockets)));
        }
        if (stuck > 0) {
            Thread.sleep(2000); // the stuck streams fill every buffer on the way first
        }
        long end = System.nanoTime() + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    stream(http, router, result);
                }
            }));
        }
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread t : threads.subList(stuck, threads.size())) {
            t.join(Duration.ofSeconds(60));
        }
        synchronized (stuckSockets) {
            for (Socket s : stuckSockets) {
                s.close();
            }
        }
        http.close();
        return result;
    }

    static final String BODY = "{\"model\":\"bench\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"go\"}]}";

    static void stream(HttpClient http, Router router, Result result) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(router.base.resolve("/v1/messages"))
                    .header("x-api-key", "bench").header("content-type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    result.error("status " + response.statusCode());
                    return;
                }
                boolean first = true;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (first && line.equals("event: content_block_delta")) {
                        result.firstDelta.add(System.nanoTime() - start);
                        first = false;
                    } else if (line.equals("event: message_stop")) {
                        result.completed.incrementAndGet();
                        return;
                    } else if (line.equals("event: error")) {
                        result.error("error event: " + in.readLine());
                        return;
                    }
                }
                result.error("ended without message_stop");
            }
        } catch (IOException e) {
            result.error(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A client that opens a stream of megabytes and never reads it (a Claude Code suspended with
     * Ctrl-Z), for 25 s at a time: the router cuts such a stream off after its write-stall bound
     * (30 s), so a new one takes its place before that.
     */
    static void holdStuck(Router router, AtomicBoolean running, List<Socket> sockets) {
        byte[] body = BODY.replace("\"bench\"", "\"stuck\"").getBytes(StandardCharsets.UTF_8);
        while (running.get()) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(2048);
                socket.connect(new InetSocketAddress("127.0.0.1", router.base.getPort()));
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                long until = System.nanoTime() + Duration.ofSeconds(25).toNanos();
                while (running.get() && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                sockets.remove(socket);
            } catch (IOException | InterruptedException e) {
                if (!running.get()) {
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------ the backend

    /** OpenAI-compatible chunks: a role chunk, DELTAS text deltas DELTA_MS apart (the first at once), finish, [DONE]. */
    static final class Backend implements AutoCloseable {
        private final HttpServer server;

        Backend() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::answer);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) {
            try (exchange) {
                boolean stuck = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        .contains("\"model\":\"stuck\"");
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                frame(out, "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
                if (stuck) {
                    String big = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(8192) + "\"}}]}";
                    for (int i = 0; i < 2000; i++) {
                        frame(out, big);
                    }
                    Thread.sleep(120_000);
                    return;
                }
                for (int i = 0; i < DELTAS; i++) {
                    if (i > 0) {
                        Thread.sleep(DELTA_MS);
                    }
                    frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word" + i + " \"}}]}");
                }
                frame(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":" + DELTAS + "}}");
                frame(out, "[DONE]");
            } catch (IOException | InterruptedException gone) {
                // the router hung up (a stuck reader cut off), or the run is over
            }
        }

        private static void frame(OutputStream out, String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ------------------------------------------------------------------------------------ the router

    static final class Router implements AutoCloseable {
        final Process process;
        final URI base;
        final AtomicLong peakKiB = new AtomicLong();
        private final Thread sampler;

        private Router(Process process, URI base) {
            this.process = process;
            this.base = base;
            this.sampler = Thread.ofPlatform().daemon().start(() -> {
                while (process.isAlive()) {
                    peakKiB.accumulateAndGet(status("VmRSS"), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static Router start(int backendPort) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path config = Files.createTempFile("claudia-stress", ".json");
            Files.writeString(config, "{\"port\": " + port + ", \"defaultBackend\": \"bench\", \"backends\": {\"bench\": "
                    + "{\"baseUrl\": \"http://127.0.0.1:" + backendPort + "/v1\", \"defaultModel\": \"bench\"}}}");
            config.toFile().deleteOnExit();
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "claudia-stress-router.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // the flags the claudia script uses (bootstrap/jvm.options, and jvm-25.options on JDK 25+),
            // unless ROUTER_OPTS says otherwise
            String opts = System.getenv().getOrDefault("ROUTER_OPTS", "@bootstrap/jvm.options"
                    + (Runtime.version().feature() >= 25 ? " @bootstrap/jvm-25.options" : ""));
            command.addAll(List.of(opts.trim().split("\\s+")));
            command.addAll(List.of("--module-path", "bootstrap/target/claudia-bootstrap.jar:bootstrap/target/lib",
                    "-m", "dev.claudia.router.bootstrap/dev.claudia.router.bootstrap.Main", "start", "--config",
                    config.toString(), "--port", Integer.toString(port)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.startsWith("CLAUDIA_"));
            builder.environment().put("LOG_LEVEL", "warn");
            Router router = new Router(builder.start(), URI.create("http://127.0.0.1:" + port));
            HttpClient probe = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) {
                try {
                    if (probe.send(HttpRequest.newBuilder(router.base.resolve("/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        System.out.println("router pid " + router.process.pid() + " on " + router.base + " (log " + log + ")");
                        return router;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            router.close();
            throw new IllegalStateException("the router did not start; see " + log);
        }

        void resetPeak() {
            peakKiB.set(0);
        }

        long peakRssMiB() {
            return peakKiB.get() / 1024;
        }

        long hwmMiB() {
            return status("VmHWM") / 1024;
        }

        private long status(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process ended
            }
            return 0;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private Stress() {}
}
