import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How long HTTP clients take to see the first content chunk of a stream whose backend waits
 * {@code first_delay_ms} before answering (the shared bench's scenario c, without the router).
 * It separates what the router's upstream transport costs from what the router itself costs.
 *
 * <p>Run against the load harness's fake backend ({@code start-backend.sh} in its checkout; see scripts/bench.sh):
 * {@code java bench/TransportProbe.java [samples] [backend-url]}. Each probe runs on a virtual
 * thread, as the router's requests do, one request at a time; the printed figures are the time
 * to the first content chunk minus the backend's 200 ms wait, in ms.
 */
public class TransportProbe {

    private static final int FIRST_DELAY_MS = 200;
    private static final byte[] BODY = ("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi [[fake chunks=5 first_delay_ms=" + FIRST_DELAY_MS + "]]\"}]}").getBytes(StandardCharsets.UTF_8);

    interface Probe {
        double millisToFirstContent(URI uri) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        URI uri = URI.create(args.length > 1 ? args[1] : "http://127.0.0.1:19001/v1/chat/completions");
        HttpClient inline = HttpClient.newBuilder().executor(Runnable::run).build();
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("JDK HttpClient (the router's transport)", u -> jdk(inline, u));
        probes.put("HttpURLConnection", TransportProbe::urlConnection);
        probes.put("socket, head and body in one write", u -> socket(u, false));
        probes.put("socket, head then body (two writes)", u -> socket(u, true));
        // The first rounds warm the JIT; the last one is the result.
        for (int round = 1; round <= 3; round++) {
            System.out.println("round " + round + (round == 3 ? " (result)" : " (warm-up)"));
            for (var probe : probes.entrySet()) {
                double[] added = new double[samples];
                for (int i = 0; i < samples; i++) {
                    added[i] = onVirtualThread(probe.getValue(), uri) - FIRST_DELAY_MS;
                }
                Arrays.sort(added);
                System.out.printf("  %-42s p50 %6.2f  p90 %6.2f%n", probe.getKey(), added[samples / 2], added[samples * 9 / 10]);
            }
        }
    }

    private static double onVirtualThread(Probe probe, URI uri) throws Exception {
        CompletableFuture<Double> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(probe.millisToFirstContent(uri));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }

    private static double jdk(HttpClient client, URI uri) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return firstContent(in, start);
        }
    }

    private static double urlConnection(URI uri) throws Exception {
        long start = System.nanoTime();
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setDoOutput(true);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("content-type", "application/json");
        connection.setFixedLengthStreamingMode(BODY.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(BODY);
        }
        try (InputStream in = connection.getInputStream()) {
            return firstContent(in, start);
        }
    }

    private static double socket(URI uri, boolean twoWrites) throws Exception {
        long start = System.nanoTime();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setTcpNoDelay(true);
            byte[] head = ("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + BODY.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            if (twoWrites) {
                out.write(head);
                out.flush();
                out.write(BODY);
            } else {
                byte[] whole = Arrays.copyOf(head, head.length + BODY.length);
                System.arraycopy(BODY, 0, whole, head.length, BODY.length);
                out.write(whole);
            }
            out.flush();
            return firstContent(socket.getInputStream(), start);
        }
    }

    /** Reads until the first content delta ("t000 ") shows up; headers and the role chunk come before it. */
    private static double firstContent(InputStream in, long start) throws IOException {
        byte[] buffer = new byte[8192];
        StringBuilder seen = new StringBuilder();
        for (int n; (n = in.read(buffer)) > 0; ) {
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (seen.indexOf("\"content\":\"t") >= 0) {
                return (System.nanoTime() - start) / 1e6;
            }
        }
        throw new IOException("the stream ended without content: " + seen);
    }
}
