package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One fake per test class, started on a free port, and a java.net.http client for it. Registered as
 * an extension: it is emptied before each test and stopped after the class.
 */
final class FakeHttp implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    static final ObjectMapper JSON = new ObjectMapper();

    final FakeOpenAi fake;
    final URI base;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FakeHttp() {
        try {
            fake = new FakeOpenAi(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        base = URI.create("http://127.0.0.1:" + fake.port());
    }

    @Override
    public void close() {
        fake.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    void reset() throws Exception {
        assertEquals(204, send(HttpRequest.newBuilder(base.resolve("/__admin/reset")).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode());
    }

    /** Queues entries (each a JSON object text) for a model; asserts the fake accepted them. */
    void script(String model, String... entries) throws Exception {
        HttpResponse<String> r = post("/__admin/scripts", "{\"model\":" + JSON.writeValueAsString(model) + ",\"responses\":["
                + String.join(",", entries) + "]}");
        assertEquals(200, r.statusCode(), r.body());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> chat(String body) throws Exception {
        return post("/v1/chat/completions", body);
    }

    HttpResponse<InputStream> chatStream(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Polls the events until one of {@code type} for {@code model} shows up (at most {@code millis}); null if none. */
    JsonNode awaitEvent(String type, String model, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        do {
            for (JsonNode e : json("/__admin/events")) {
                if (e.path("type").asText().equals(type) && e.path("model").asText().equals(model)) {
                    return e;
                }
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < end);
        return null;
    }

    static String req(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"}]}";
    }
}
