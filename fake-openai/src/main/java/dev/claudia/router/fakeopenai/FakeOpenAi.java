package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.claudia.router.fakeopenai.dialects.DialectRules;
import dev.claudia.router.fakeopenai.dialects.Refusal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scriptable fake OpenAI-compatible provider for the router's contract tests.
 *
 * <p>{@code POST <anything>/chat/completions} is recorded, then answered by, in this order: the next
 * scripted entry queued for the request's {@code model} (FIFO); the built-in scenario named by the
 * {@code x-fake-scenario} header or by the model name (see {@link Scenarios}); else a 404 in OpenAI's
 * error shape that says how to script an answer. {@code POST <anything>/messages} and
 * {@code .../messages/count_tokens} are an Anthropic Messages endpoint ({@link AnthropicEndpoint}),
 * scripted the same way; {@code POST <anything>/responses} is an OpenAI Responses endpoint
 * ({@link ResponsesEndpoint}), checked like OpenAI's and scripted the same way too.
 * {@code GET <anything>/models} lists the models ({@link ModelLists}), in
 * Anthropic's or OpenAI's shape. OpenAI-format requests under {@code /secured/} must carry a key
 * posted to {@code /__admin/openai/keys} ({@link OpenAiKeys}). Any other POST whose body names a
 * model with entries scripted gets the next one; anything else is recorded and gets a 404. A path
 * that starts with a dialect's name ({@code /gemini/...}, {@code /mistral/...}) first has that
 * provider's request rules applied ({@link DialectRules}).
 *
 * <p>Admin API: {@code POST /__admin/scripts} {@code {"model":..,"responses":[entry,..]}} (entries are
 * validated at once, see {@link Entries}), {@code GET /__admin/scripts} (what is left),
 * {@code DELETE /__admin/scripts}; {@code GET /__admin/requests[?model=]}, {@code DELETE /__admin/requests};
 * {@code GET /__admin/events}, {@code DELETE /__admin/events}; {@code POST /__admin/anthropic/keys}
 * {@code {"keys":[..]}} (keys the Anthropic endpoint accepts), {@code POST /__admin/openai/keys} (keys the
 * {@code /secured/} OpenAI endpoints accept), {@code POST /__admin/models} {@code {"models":[..]}} (listed
 * from now on); {@code POST /__admin/reset} (all of it but the
 * keys, and the scenarios' memory); {@code GET /health}.
 *
 * <p>Listens on 127.0.0.1 only; one virtual thread per exchange; always reads the whole request body first.
 */
public final class FakeOpenAi implements AutoCloseable {

    static final String SCRIPTS = "/__admin/scripts";

    private final ObjectMapper json = new ObjectMapper();
    private final Journal journal = new Journal();
    private final Entries entries = new Entries(json);
    private final Responder responder = new Responder(json, journal);
    private final Scenarios scenarios = new Scenarios(json);
    private final DialectRules dialects = new DialectRules();
    private final Map<String, Deque<JsonNode>> scripts = new LinkedHashMap<>();
    private final AnthropicEndpoint anthropic = new AnthropicEndpoint(json, responder, this::nextScripted);
    private final OpenAiKeys openAiKeys = new OpenAiKeys(json);
    private final ModelLists models = new ModelLists(json);
    private final ResponsesEndpoint responses = new ResponsesEndpoint(json, responder, this::nextScripted);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;

    /** Starts listening on 127.0.0.1:{@code port} (0: any free port). */
    public FakeOpenAi(int port) throws IOException {
        // Small SSE frames go out at once, like from a real provider (Nagle + delayed ACKs would add ~40 ms lags).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code --port N} (or {@code --port=N}) wins over the {@code FAKE_PORT} environment variable; default 0. */
    public static void main(String[] args) throws IOException {
        int port;
        try {
            port = port(args, System.getenv("FAKE_PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println("fake-openai: " + e.getMessage() + "\nusage: java -jar fake-openai.jar [--port N]  (or FAKE_PORT=N; 0 = any free port)");
            System.exit(2);
            return;
        }
        start(port, System.out);
    }

    static FakeOpenAi start(int port, PrintStream out) throws IOException {
        FakeOpenAi fake = new FakeOpenAi(port);
        out.println("fake-openai listening on 127.0.0.1:" + fake.port());
        out.flush();
        return fake;
    }

    static int port(String[] args, String env) {
        String value = env == null || env.isBlank() ? "0" : env.strip();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: '" + value + "'");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/__admin/") || path.equals("/health")) {
                admin(exchange, method, path, body);
            } else if (path.endsWith("/chat/completions") && method.equals("POST")) {
                completions(exchange, body);
            } else if (path.endsWith("/responses") && method.equals("POST")) {
                JsonNode request = parse(body);
                journal.request(method, path, exchange.getRequestURI().getRawQuery(), headers(exchange), request);
                responses.handle(exchange, request);
            } else if ((path.endsWith("/messages") || path.endsWith("/messages/count_tokens")) && method.equals("POST")) {
                JsonNode request = parse(body);
                journal.request(method, path, exchange.getRequestURI().getRawQuery(), headers(exchange), request);
                anthropic.handle(exchange, request, path.endsWith("/count_tokens"));
            } else if (path.endsWith("/models") && method.equals("GET")) {
                journal.request(method, path, exchange.getRequestURI().getRawQuery(), headers(exchange), parse(body));
                listModels(exchange);
            } else {
                other(exchange, method, path, parse(body));
            }
        } catch (Responder.Drop drop) {
            // Left unclosed on purpose: the server then drops the connection without ending the body.
            dropped = true;
            throw drop;
        } catch (RuntimeException e) {
            System.err.println("fake-openai: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed");
            e.printStackTrace();
            try {
                send(exchange, 500, error("fake-openai failed: " + e, "server_error", null));
            } catch (IOException | RuntimeException headersAlreadySent) {
                // the answer had begun; closing the exchange ends it
            }
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private void admin(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        switch (method + " " + path) {
            case "GET /health" -> send(exchange, 200, "{\"status\":\"ok\"}");
            case "POST " + SCRIPTS -> addScript(exchange, body);
            case "GET " + SCRIPTS -> send(exchange, 200, remainingScripts().toString());
            case "DELETE " + SCRIPTS -> {
                clearScripts();
                send(exchange, 204, "");
            }
            case "GET /__admin/requests" -> send(exchange, 200, journal.requests(query(exchange).get("model")).toString());
            case "DELETE /__admin/requests" -> {
                journal.clearRequests();
                send(exchange, 204, "");
            }
            case "GET /__admin/events" -> send(exchange, 200, journal.events().toString());
            case "DELETE /__admin/events" -> {
                journal.clearEvents();
                send(exchange, 204, "");
            }
            case "POST /__admin/anthropic/keys" -> accept(exchange, body, anthropic::accept);
            case "POST /__admin/openai/keys" -> accept(exchange, body, openAiKeys::accept);
            case "POST /__admin/models" -> accept(exchange, body, models::accept);
            case "POST /__admin/reset" -> {
                clearScripts();
                journal.clearRequests();
                journal.clearEvents();
                send(exchange, 204, "");
            }
            default -> send(exchange, 404, error("fake-openai has no " + method + " " + path + "; admin endpoints: "
                    + "POST/GET/DELETE " + SCRIPTS + ", GET/DELETE /__admin/requests[?model=], GET/DELETE /__admin/events, "
                    + "POST /__admin/anthropic/keys, POST /__admin/openai/keys, POST /__admin/models, "
                    + "POST /__admin/reset, GET /health", "invalid_request_error", "unknown_url"));
        }
    }

    private void listModels(HttpExchange exchange) throws IOException {
        if (ModelLists.anthropic(exchange)) {
            if (!anthropic.refused(exchange)) {
                models.anthropic(exchange, query(exchange), anthropic);
            }
        } else if (!openAiKeys.refused(exchange)) {
            models.openAi(exchange);
        }
    }

    /**
     * Any other request: a POST whose JSON body names a model with entries scripted gets the next one
     * (an adapter's own wire format, such as the example team adapter's gateway); anything else a 404.
     */
    private void other(HttpExchange exchange, String method, String path, JsonNode request) throws IOException {
        journal.request(method, path, exchange.getRequestURI().getRawQuery(), headers(exchange), request);
        JsonNode entry = method.equals("POST") && request.path("model").isTextual()
                ? nextScripted(request.get("model").asText()) : null;
        if (entry != null) {
            responder.play(exchange, entry, request.get("model").asText());
            return;
        }
        send(exchange, 404, error("fake-openai serves POST .../chat/completions, POST .../messages, GET .../models and "
                + "any POST whose model has a script, not " + method + " " + path, "invalid_request_error", "unknown_url"));
    }

    private void completions(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode request = parse(body);
        journal.request("POST", path, exchange.getRequestURI().getRawQuery(), headers(exchange), request);
        if (openAiKeys.refused(exchange)) {
            return;
        }
        if (!request.isObject()) {
            send(exchange, 400, error("fake-openai: the request body is not a JSON object", "invalid_request_error", null));
            return;
        }
        Refusal refusal = dialects.check(path, request); // a provider's own rules, by path prefix (/gemini/...)
        if (refusal != null) {
            send(exchange, refusal.status(), refusal.body());
            return;
        }
        String model = request.path("model").asText("");
        JsonNode entry = nextScripted(model);
        boolean exhausted;
        synchronized (scripts) {
            exhausted = scripts.containsKey(model);
        }
        if (entry == null) {
            String scenario = exchange.getRequestHeaders().getFirst("x-fake-scenario");
            entry = scenarios.entryFor(scenario != null ? scenario : model, request);
        }
        if (entry == null) {
            send(exchange, 404, error(notScripted(model, exhausted), "invalid_request_error", "model_not_found"));
            return;
        }
        responder.play(exchange, entry, model);
    }

    private String notScripted(String model, boolean exhausted) {
        String quoted = json.getNodeFactory().textNode(model).toString();
        return "fake-openai: " + (exhausted ? "every response scripted for model " + quoted + " has been used"
                : "nothing is scripted for model " + quoted) + ". Script one with POST " + SCRIPTS
                + " {\"model\":" + quoted + ",\"responses\":[{\"json\":{...}} or {\"sse\":[{\"data\":\"...\"}]}]}, "
                + "or name a built-in scenario in the model or an x-fake-scenario header: " + String.join(", ", Scenarios.NAMES)
                + ". What was received: GET /__admin/requests?model=" + model;
    }

    /** The next entry queued under {@code key} (a model name), or null. */
    private JsonNode nextScripted(String key) {
        synchronized (scripts) {
            Deque<JsonNode> queue = scripts.get(key);
            return queue == null ? null : queue.poll();
        }
    }

    /** Adds names (keys, models) to a set of the fake's; answers how many it holds. */
    private void accept(HttpExchange exchange, byte[] body, java.util.function.ToIntFunction<JsonNode> into) throws IOException {
        try {
            send(exchange, 200, json.createObjectNode().put("accepted", into.applyAsInt(parse(body))).toString());
        } catch (IllegalArgumentException e) {
            send(exchange, 400, error(e.getMessage(), "invalid_request_error", null));
        }
    }

    private void addScript(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode script = parse(body);
        String model = script.path("model").isTextual() ? script.get("model").asText() : null;
        if (model == null || !script.path("responses").isArray()) {
            send(exchange, 400, error("expected {\"model\":\"<model>\",\"responses\":[entry, ...]}", "invalid_request_error", null));
            return;
        }
        List<JsonNode> checked;
        try {
            checked = entries.validate(script.get("responses"));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, error("fake-openai: bad script for model '" + model + "': " + e.getMessage(),
                    "invalid_request_error", null));
            return;
        }
        dialects.remember(new String(body, StandardCharsets.UTF_8));
        int queued;
        synchronized (scripts) {
            Deque<JsonNode> queue = scripts.computeIfAbsent(model, m -> new ArrayDeque<>());
            queue.addAll(checked);
            queued = queue.size();
        }
        send(exchange, 200, json.createObjectNode().put("model", model).put("queued", queued).toString());
    }

    private ArrayNode remainingScripts() {
        ArrayNode out = json.createArrayNode();
        synchronized (scripts) {
            scripts.forEach((model, queue) -> {
                ObjectNode item = out.addObject().put("model", model);
                queue.forEach(item.putArray("responses")::add);
            });
        }
        return out;
    }

    private void clearScripts() {
        synchronized (scripts) {
            scripts.clear();
        }
        scenarios.forget();
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.getNodeFactory().missingNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    private String error(String message, String type, String code) {
        ObjectNode error = json.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return error.toString();
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
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

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
