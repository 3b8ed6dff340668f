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
import java.util.List;

/** The fake provider's admin API: script answers per model, read what it received and saw. */
public final class FakeOpenAiAdmin {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    FakeOpenAiAdmin(URI base) {
        this.base = base;
    }

    /** Queues answers for requests whose {@code model} is {@code model}, played in order. */
    public void script(String model, Script... entries) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode responses = body.putArray("responses");
        for (Script entry : entries) {
            responses.add(entry.json());
        }
        send(HttpRequest.newBuilder(base.resolve("/__admin/scripts")).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The requests received for {@code model}, oldest first; each has method, path, headers, body. */
    public List<JsonNode> requests(String model) {
        return list(send(HttpRequest.newBuilder(base.resolve("/__admin/requests?model="
                + URLEncoder.encode(model, StandardCharsets.UTF_8))).GET()));
    }

    /** Connection events: client_closed, dropped, completed. */
    public List<JsonNode> events() {
        return list(send(HttpRequest.newBuilder(base.resolve("/__admin/events")).GET()));
    }

    public void clearEvents() {
        send(HttpRequest.newBuilder(base.resolve("/__admin/events")).DELETE());
    }

    private static List<JsonNode> list(String json) {
        try {
            List<JsonNode> items = new java.util.ArrayList<>();
            JSON.readTree(json).forEach(items::add);
            return items;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("fake admin call failed: " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("fake admin API unreachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
