package dev.claudia.router.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.systemtests.secrets.PlantedSecret;
import dev.claudia.router.systemtests.secrets.RecordingClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real router, started in-process from a config.json written for the test, whose backend
 * {@code fake} is the containerized fake provider. Profiles map aliases to provider models, so
 * each test scripts the fake under its own model name.
 */
public final class RouterUnderTest implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final ClaudiaServer server;
    private final HttpClient client = RecordingClient.newHttpClient();

    private RouterUnderTest(ClaudiaServer server) {
        this.server = server;
    }

    /**
     * @param fakeBaseUrl the fake provider's {@code .../v1}
     * @param profiles    {@code modelProfiles} entries as JSON objects, by alias
     */
    public static RouterUnderTest start(URI fakeBaseUrl, Map<String, String> profiles, Map<String, String> env) {
        return start(config(fakeBaseUrl, profiles), env);
    }

    /** The config {@link #start(URI, Map, Map)} uses, for tests that add backends to it. */
    public static ObjectNode config(URI fakeBaseUrl, Map<String, String> profiles) {
        try {
            ObjectNode config = JSON.createObjectNode().put("port", 0).put("defaultBackend", "fake");
            config.putObject("backends").putObject("fake").put("baseUrl", fakeBaseUrl.toString())
                    .put("apiKeyEnv", "FAKE_API_KEY").put("defaultModel", "text");
            ObjectNode modelProfiles = config.putObject("modelProfiles");
            for (Map.Entry<String, String> p : profiles.entrySet()) {
                modelProfiles.set(p.getKey(), JSON.readTree(p.getValue()));
            }
            return config;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A config whose backend {@code fake} (key in {@code FAKE_API_KEY}) is the fake provider, with one
     * profile {@code claude-<model>} per provider model, each tried once: what the fault suites script.
     */
    public static ObjectNode fakeConfig(URI fakeBaseUrl, String defaultModel, java.util.List<String> models) {
        ObjectNode config = JSON.createObjectNode().put("port", 0).put("defaultBackend", "fake");
        config.putObject("backends").putObject("fake").put("baseUrl", fakeBaseUrl.toString())
                .put("apiKeyEnv", "FAKE_API_KEY").put("defaultModel", defaultModel);
        ObjectNode profiles = config.putObject("modelProfiles");
        for (String model : models) {
            profiles.putObject("claude-" + model).put("backend", "fake").put("providerModel", model).put("retryAttempts", 1);
        }
        return config;
    }

    /**
     * A router on this config.json; {@code FAKE_API_KEY} is set unless {@code env} sets it. The suite's
     * planted key is added ({@link PlantedSecret}) and the router's log lines and its answers
     * to {@link #client()} are recorded for the secret scan ({@link RecordingClient}).
     */
    public static RouterUnderTest start(ObjectNode config, Map<String, String> env) {
        try {
            Path file = Files.createTempFile("claudia-config", ".json");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
            file.toFile().deleteOnExit();
            Map<String, String> environment = new java.util.HashMap<>(Map.of("FAKE_API_KEY", "sk-fake-backend-key"));
            environment.putAll(env);
            return new RouterUnderTest(ClaudiaServer.start(PlantedSecret.inProcess(file, environment, 0)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A profile on the fake backend: {@code {"backend":"fake","providerModel":...,"retryBaseDelayMs":0}}. */
    public static String profile(String providerModel, int retryAttempts, String extra) {
        return "{\"backend\":\"fake\",\"providerModel\":\"" + providerModel + "\",\"retryAttempts\":" + retryAttempts
                + ",\"retryBaseDelayMs\":0" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "client-key").header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json");
    }

    public HttpResponse<String> post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
