package dev.claudia.router.systemtests.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.bootstrap.ServerOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The one secret planted in every router the system tests start (in-process and in child processes):
 * the key of an extra backend {@code planted}, read from {@code PLANTED_API_KEY}. The router learns
 * it like any provider key, so its masking is what keeps it out of every answer and log line, and
 * {@link SecretScanner} searches all that the suite recorded ({@link Recorder}) for it at the end.
 * The value is obviously fake and fixed, so the scan can run after the test JVM has exited.
 */
public final class PlantedSecret {

    public static final String VALUE = "sk-planted-suite-key-7d3f9a1c4e8b2f60a5d7c9e1b3f5a7d9";
    public static final String ENV = "PLANTED_API_KEY";
    public static final String BACKEND = "planted";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlantedSecret() {}

    /**
     * Adds the backend {@code planted} to a config that has backends (a config without any is left
     * as the test wrote it: it tests something else). No profile routes to it, so no answer changes;
     * its URL is the first backend's, so it passes the same checks.
     */
    public static ObjectNode plant(ObjectNode config) {
        if (config.get("backends") instanceof ObjectNode backends && !backends.has(BACKEND) && !backends.isEmpty()) {
            JsonNode first = backends.elements().next();
            String url = first.path("baseUrl").asText("");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                url = "http://127.0.0.1:9/v1";
            }
            ObjectNode planted = backends.putObject(BACKEND).put("baseUrl", url).put("apiKeyEnv", ENV);
            if (first.has("defaultModel")) {
                planted.put("defaultModel", "planted-model");
            }
        }
        return config;
    }

    /**
     * Plants the backend in this config file, in place, when it is a JSON object written for the test;
     * leaves other files alone (and never touches the checkout's own files, such as its config.json).
     */
    public static Path plant(Path config) {
        Path home = Path.of(System.getProperty("claudia.home", "..")).toAbsolutePath().normalize();
        if (config.toAbsolutePath().normalize().startsWith(home)) {
            return config;
        }
        try {
            JsonNode tree = JSON.readTree(Files.readString(config));
            if (tree instanceof ObjectNode object && !object.path("backends").has(BACKEND)) {
                Files.writeString(config, plant(object).toPrettyString());
            }
        } catch (IOException | RuntimeException notJson) {
            // a config that is not JSON on purpose (a refused start): nothing to plant in
        }
        return config;
    }

    /**
     * The options for a router started in this JVM: the config planted, the key in its environment,
     * and this JVM's log lines recorded from before it starts.
     */
    public static ServerOptions inProcess(Path config, Map<String, String> env, Integer port) {
        Recorder.recordInProcessLogs();
        return new ServerOptions(plant(config), env(env), "127.0.0.1", port);
    }

    /** The environment with the planted key added (a test's own keys stay). */
    public static Map<String, String> env(Map<String, String> env) {
        Map<String, String> planted = new HashMap<>(env);
        planted.put(ENV, VALUE);
        return planted;
    }
}
