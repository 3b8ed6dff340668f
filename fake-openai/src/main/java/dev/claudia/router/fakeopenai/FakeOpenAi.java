package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A fake OpenAI-compatible provider for contract tests. {@code POST .../chat/completions} records
 * the request and answers with the next scripted entry for the request's model, else a built-in
 * scenario named by the model, else a 404 that says how to script one. Admin API:
 * {@code POST/DELETE /__admin/scripts}, {@code GET/DELETE /__admin/requests[?model=]},
 * {@code GET/DELETE /__admin/events}, {@code GET /health}. Listens on 127.0.0.1 only.
 */
public final class FakeOpenAi implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Journal journal = new Journal();
    private final Responder responder = new Responder(json, journal);
    private final Scenarios scenarios = new Scenarios(json);
    private final Map<String, Deque<JsonNode>> scripts = new ConcurrentHashMap<>();
    private final HttpServer server;

    public FakeOpenAi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("FAKE_PORT", "0"));
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        FakeOpenAi fake = new FakeOpenAi(port);
        System.out.println("fake-openai listening on 127.0.0.1:" + fake.port());
        System.out.flush();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.endsWith("/chat/completions") && method.equals("POST")) {
                completions(exchange, body);
            } else if (path.equals("/__admin/scripts")) {
                scripts(exchange, method, body);
            } else if (path.equals("/__admin/requests")) {
                if (method.equals("DELETE")) {
                    journal.clearRequests();
                    send(exchange, 204, "");
                } else {
                    send(exchange, 200, journal.requests(query(exchange).get("model")).toString());
                }
            } else if (path.equals("/__admin/events")) {
                if (method.equals("DELETE")) {
                    journal.clearEvents();
                    send(exchange, 204, "");
                } else {
                    send(exchange, 200, journal.events().toString());
                }
            } else if (path.equals("/health")) {
                send(exchange, 200, "{\"status\":\"ok\"}");
            } else {
                send(exchange, 404, "{\"error\":{\"message\":\"fake-openai has no " + method + " " + path + "\"}}");
            }
        } catch (Responder.Drop drop) {
            // Leave the exchange open: the server then drops the connection without ending the body.
            dropped = true;
            throw drop;
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private void completions(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            journal.request("POST", exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    headers(exchange), json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8)));
            send(exchange, 400, "{\"error\":{\"message\":\"fake-openai: the request body is not JSON\"}}");
            return;
        }
        journal.request("POST", exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                headers(exchange), request);
        String model = request.path("model").asText("");
        if (!request.path("messages").isArray()) {
            send(exchange, 400, "{\"error\":{\"message\":\"fake-openai: messages must be an array\"}}");
            return;
        }
        Deque<JsonNode> queue = scripts.get(model);
        JsonNode entry;
        synchronized (this) {
            entry = queue == null ? null : queue.poll();
        }
        if (entry == null) {
            String scenario = exchange.getRequestHeaders().getFirst("x-fake-scenario");
            entry = scenarios.entryFor(scenario != null ? scenario : model, request);
        }
        if (entry == null) {
            send(exchange, 404, json.createObjectNode().set("error", json.createObjectNode().put("message",
                    "fake-openai: nothing scripted for model '" + model + "'. POST /__admin/scripts "
                            + "{\"model\":\"" + model + "\",\"responses\":[...]} or use a built-in scenario name "
                            + "(text, echo, tool, parallel-tools, reasoning, usage-cached, rate-limit-then-ok, "
                            + "error-400, error-401, error-500, error-503, slow, context-overflow)")).toString());
            return;
        }
        responder.play(exchange, entry, model);
    }

    private void scripts(HttpExchange exchange, String method, byte[] body) throws IOException {
        if (method.equals("DELETE")) {
            scripts.clear();
            send(exchange, 204, "");
            return;
        }
        JsonNode script = json.readTree(body);
        String model = script.path("model").asText(null);
        if (model == null || !script.path("responses").isArray()) {
            send(exchange, 400, "{\"error\":{\"message\":\"expected {\\\"model\\\":...,\\\"responses\\\":[...]}\"}}");
            return;
        }
        synchronized (this) {
            Deque<JsonNode> queue = scripts.computeIfAbsent(model, m -> new ArrayDeque<>());
            script.get("responses").forEach(queue::add);
        }
        send(exchange, 204, "");
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        return headers;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
