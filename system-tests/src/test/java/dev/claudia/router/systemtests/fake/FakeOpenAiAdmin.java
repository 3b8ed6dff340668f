package dev.claudia.router.systemtests.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The fake provider's admin API: script answers per model, read what it received (requests) and saw
 * happen to its streams (events). Every call fails with an {@link IllegalStateException} carrying the
 * fake's message when the fake refuses it (e.g. a script with a typo).
 *
 * <p>A recorded request: {@code {"seq", "method", "path", "query", "headers" (lower-case names), "body"
 * (parsed JSON), "atMillis"}}. An event: {@code {"type": "completed"|"client_closed"|"dropped", "model",
 * "path", "framesWritten", "frames", "atMillis"}}.
 */
public final class FakeOpenAiAdmin {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FakeOpenAiAdmin(URI base) {
        this.base = base;
    }

    /** Queues answers for requests whose {@code model} is {@code model}, played in order (after any already queued). */
    public void script(String model, Script... entries) {
        script(model, List.of(entries));
    }

    public void script(String model, List<Script> entries) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode responses = body.putArray("responses");
        entries.forEach(e -> responses.add(e.toJson()));
        send(HttpRequest.newBuilder(base.resolve("/__admin/scripts")).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Keys the fake's Anthropic endpoint accepts from now on (for the whole container: never forgotten). */
    public void acceptAnthropicKeys(String... keys) {
        names("/__admin/anthropic/keys", "keys", keys);
    }

    /** Keys the fake's OpenAI endpoints under {@code /secured/} accept from now on (never forgotten). */
    public void acceptOpenAiKeys(String... keys) {
        names("/__admin/openai/keys", "keys", keys);
    }

    /** Models {@code GET .../models} lists from now on, besides the built-in scenarios (never forgotten). */
    public void listModels(String... models) {
        names("/__admin/models", "models", models);
    }

    private void names(String path, String field, String... names) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray(field);
        for (String name : names) {
            list.add(name);
        }
        send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The requests received for {@code model}, oldest first. */
    public List<JsonNode> requests(String model) {
        return list(send(HttpRequest.newBuilder(base.resolve("/__admin/requests?model="
                + URLEncoder.encode(model, StandardCharsets.UTF_8))).GET()));
    }

    /** Every request received (any model, any path), oldest first. */
    public List<JsonNode> requests() {
        return list(send(HttpRequest.newBuilder(base.resolve("/__admin/requests")).GET()));
    }

    /** The body of the last request received for {@code model}; fails when there is none. */
    public JsonNode lastBody(String model) {
        List<JsonNode> requests = requests(model);
        if (requests.isEmpty()) {
            throw new IllegalStateException("the fake received no request for model '" + model + "'; all it received: " + requests());
        }
        return requests.getLast().get("body");
    }

    /** Connection events, oldest first: completed, client_closed, dropped. */
    public List<JsonNode> events() {
        return list(send(HttpRequest.newBuilder(base.resolve("/__admin/events")).GET()));
    }

    /** Waits up to {@code timeout} for an event of {@code type} ({@code "client_closed"}, ...) for {@code model}. */
    public JsonNode awaitEvent(String type, String model, Duration timeout) {
        Predicate<JsonNode> wanted = e -> e.path("type").asText().equals(type) && e.path("model").asText().equals(model);
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> events = events();
            for (JsonNode e : events) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + type + "' event for model '" + model + "' within " + timeout.toMillis()
                        + " ms; events: " + events);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The scripted entries not played yet, per model (as the fake normalized them). */
    public JsonNode remainingScripts() {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/__admin/scripts")).GET()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void clearEvents() {
        send(HttpRequest.newBuilder(base.resolve("/__admin/events")).DELETE());
    }

    public void clearRequests() {
        send(HttpRequest.newBuilder(base.resolve("/__admin/requests")).DELETE());
    }

    public void clearScripts() {
        send(HttpRequest.newBuilder(base.resolve("/__admin/scripts")).DELETE());
    }

    /**
     * Forgets every script, request and event, and the scenarios' memory. The container is shared by all
     * test classes of the JVM: prefer own model names to resets.
     */
    public void reset() {
        send(HttpRequest.newBuilder(base.resolve("/__admin/reset")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static List<JsonNode> list(String json) {
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(json).forEach(items::add);
            return items;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("fake admin call " + built.method() + " " + built.uri() + " failed: "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("fake admin API unreachable at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
