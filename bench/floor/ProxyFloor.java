import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The lightest streaming proxy the JDK's own HTTP stacks allow: JDK HTTP server in, JDK HTTP
 * client (or {@code HttpURLConnection}) out, no Jersey, no Jackson, no routing, no retries. It
 * answers the shared bench's text streams with valid Anthropic SSE, so the bench can time it
 * exactly as it times the router. What it adds to the first delta is the floor under anything
 * built on these stacks, on the machine it runs on.
 *
 * <p>It understands only what the bench sends (a {@code [[fake ...]]} directive, tokens without
 * escapes), which is why it lives in bench/ and not in the product.
 *
 * <p>{@code java -Dsun.net.httpserver.nodelay=true bench/floor/ProxyFloor.java [vt|pt] [jdk|url] [port]}
 * then the load harness against it ({@code run.sh http://127.0.0.1:8090 floor} in its checkout; see scripts/bench.sh). {@code vt}: a virtual thread
 * per request (as the router); {@code pt}: a platform thread pool. {@code jdk}: JDK HttpClient
 * upstream (as the router); {@code url}: blocking {@code HttpURLConnection}.
 */
public class ProxyFloor {

    private static final URI UPSTREAM = URI.create("http://127.0.0.1:19001/v1/chat/completions");
    private static final String CONTENT = "\"content\":\"";

    public static void main(String[] args) throws IOException {
        boolean virtual = !(args.length > 0 && args[0].equals("pt"));
        boolean jdkClient = !(args.length > 1 && args[1].equals("url"));
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 8090;
        // The router's connector runs the client's callbacks inline for the same reason.
        HttpClient client = HttpClient.newBuilder().executor(Runnable::run).build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newCachedThreadPool());
        server.createContext("/v1/messages", exchange -> relay(exchange, jdkClient ? upstream(client) : ProxyFloor::upstreamUrl));
        server.start();
        System.out.println("proxy floor on 127.0.0.1:" + port + " (" + (virtual ? "virtual" : "platform")
                + " threads, " + (jdkClient ? "JDK HttpClient" : "HttpURLConnection") + ")");
    }

    interface Upstream {
        InputStream open(String body) throws IOException;
    }

    static Upstream upstream(HttpClient client) {
        return body -> {
            HttpRequest request = HttpRequest.newBuilder(UPSTREAM).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
    }

    static InputStream upstreamUrl(String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) UPSTREAM.toURL().openConnection();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setDoOutput(true);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("content-type", "application/json");
        connection.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
        }
        return connection.getInputStream();
    }

    static void relay(HttpExchange exchange, Upstream upstream) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int start = request.indexOf("[[fake");
        String directive = start < 0 ? "" : request.substring(start, request.indexOf("]]", start) + 2);
        try (InputStream in = upstream.open("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go " + directive + "\"}]}")) {
            exchange.getResponseHeaders().set("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            frame(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_floor\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":10,\"output_tokens\":0}}}");
            frame(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean first = true;
            int deltas = 0;
            for (String line; (line = lines.readLine()) != null && !line.equals("data: [DONE]"); ) {
                int at = line.indexOf(CONTENT);
                if (!line.startsWith("data: ") || at < 0) {
                    continue;
                }
                String text = line.substring(at + CONTENT.length(), line.indexOf('"', at + CONTENT.length()));
                frame(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}");
                deltas++;
                // The router's policy: the first delta at once, later ones when nothing more is buffered.
                if (first || !lines.ready()) {
                    out.flush();
                    first = false;
                }
            }
            frame(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            frame(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + deltas + "}}");
            frame(out, "message_stop", "{\"type\":\"message_stop\"}");
            out.close();
        }
    }

    static void frame(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
