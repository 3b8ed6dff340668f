package dev.claudia.router.bootstrap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A small OpenAI-compatible chat completions server inside the router, so a fresh checkout answers
 * without any API key. Requests for backends whose key is missing are routed here through the real
 * provider adapter (the whole translation path runs), and the answer says plainly that it is a
 * demo and which variable to set. It listens on 127.0.0.1 on a free port, never elsewhere.
 */
public final class DemoBackend implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ECHO_CHARS = 200;

    private final HttpServer server;
    private final List<String> missingKeys;

    private DemoBackend(HttpServer server, List<String> missingKeys) {
        this.server = server;
        this.missingKeys = List.copyOf(missingKeys);
    }

    /** Starts the demo server; {@code missingKeys} are the variables whose absence sends requests here. */
    public static DemoBackend start(List<String> missingKeys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            DemoBackend demo = new DemoBackend(server, missingKeys);
            server.createContext("/", demo::handle);
            server.start();
            return demo;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the demo backend on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The base URL to configure as an OpenAI-compatible backend. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"the demo backend only serves POST /v1/chat/completions\"}}");
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                send(exchange, 400, "application/json", "{\"error\":{\"message\":\"invalid JSON\"}}");
                return;
            }
            String text = answer(request);
            int promptTokens = Math.max(1, body.length / 4);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, text, promptTokens, request.path("model").asText("demo"));
            } else {
                send(exchange, 200, "application/json", JSON.writeValueAsString(completion(text, promptTokens,
                        request.path("model").asText("demo"))));
            }
        }
    }

    String answer(JsonNode request) {
        String asked = lastUserText(request.path("messages"));
        if (asked.length() > ECHO_CHARS) {
            asked = asked.substring(0, ECHO_CHARS) + "...";
        }
        return "Hello from Claudia Router's built-in demo backend. You are seeing this because no API key is set ("
                + String.join(", ", missingKeys) + "), so this request did not go to "
                + request.path("model").asText("the configured model")
                + ". Set the key (or edit config.json) and restart to use the real provider. You said: \"" + asked + "\"";
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    return content.textValue();
                }
                StringBuilder text = new StringBuilder();
                content.forEach(part -> text.append(part.path("text").asText("")));
                return text.toString();
            }
        }
        return "";
    }

    private static ObjectNode completion(String text, int promptTokens, String model) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-demo").put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        usage(root, promptTokens, words(text).length);
        return root;
    }

    private static void stream(HttpExchange exchange, String text, int promptTokens, String model) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String[] words = words(text);
        frame(out, chunk(model, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (String word : words) {
            frame(out, chunk(model, JSON.createObjectNode().put("content", word), null));
        }
        frame(out, chunk(model, JSON.createObjectNode(), "stop"));
        ObjectNode usage = JSON.createObjectNode().put("id", "chatcmpl-demo").put("object", "chat.completion.chunk")
                .put("model", model);
        usage.putArray("choices");
        usage(usage, promptTokens, words.length);
        frame(out, JSON.writeValueAsString(usage));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(String model, ObjectNode delta, String finishReason) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-demo").put("object", "chat.completion.chunk")
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return JSON.writeValueAsString(root);
    }

    private static void usage(ObjectNode root, int prompt, int completion) {
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    /** Words with their trailing space, so the chunks concatenate back to the text. */
    private static String[] words(String text) {
        return text.split("(?<= )");
    }

    private static void frame(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
