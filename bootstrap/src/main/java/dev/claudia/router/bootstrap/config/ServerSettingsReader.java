package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.http.InboundLimits;
import dev.claudia.router.application.BackendLimits;
import dev.claudia.router.provider.spi.UpstreamLimits;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads {@code limits}, {@code access}, {@code upstream}, {@code shutdown} and each backend's
 * {@code limits} (docs/configuration.md, docs/security.md). Every value is checked against a range;
 * a missing one takes its default.
 */
final class ServerSettingsReader {

    static final int DEFAULT_MAX_CONNECTIONS = 1024;
    static final int DEFAULT_RECEIVE_TIMEOUT_SECONDS = 30;
    /** Client keys in config.json guard a router others can reach: short ones are refused. */
    static final int MIN_CLIENT_KEY_LENGTH = 16;

    private static final Set<String> LIMITS = Set.of("maxBodyBytes", "maxBodyBytesInFlight", "maxConcurrentUpstream",
            "writeStallTimeoutMs", "maxJsonDepth", "maxTools", "maxToolSchemaChars", "maxConnections",
            "receiveTimeoutSeconds");
    private static final Set<String> ACCESS = Set.of("clientKeys", "allowedHosts", "allowedOrigins");
    private static final Set<String> UPSTREAM = Set.of("maxAnswerBytes", "maxErrorBodyBytes", "maxSseLineBytes",
            "maxStreamBytes", "maxStreamSeconds");
    private static final Set<String> SHUTDOWN = Set.of("graceSeconds");
    private static final Set<String> BACKEND_LIMITS = Set.of("maxConcurrent", "requestsPerMinute", "maxWaitMs");
    static final long DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;
    static final long DEFAULT_BACKEND_MAX_WAIT_MS = 2000;
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+]");

    private final BiConsumer<String, String> problem;
    private final BiConsumer<String, String> warning;

    ServerSettingsReader(BiConsumer<String, String> problem, BiConsumer<String, String> warning) {
        this.problem = problem;
        this.warning = warning;
    }

    RouterConfig.Limits limits(JsonNode node) {
        InboundLimits d = InboundLimits.defaults();
        JsonNode limits = object(node, "limits", LIMITS);
        long maxBody = number(limits, "maxBodyBytes", d.maxBodyBytes(), 1024, Integer.MAX_VALUE - 8L);
        long inFlight = number(limits, "maxBodyBytesInFlight", Math.max(d.maxBodyBytesInFlight(), maxBody), 1024,
                Long.MAX_VALUE / 2);
        if (inFlight < maxBody) {
            problem.accept("limits.maxBodyBytesInFlight", "must be at least limits.maxBodyBytes (" + maxBody
                    + "), or a request of the largest size could never be served");
            inFlight = maxBody;
        }
        int upstream = (int) number(limits, "maxConcurrentUpstream", d.maxConcurrentUpstream(), 1, 100_000);
        int connections = (int) number(limits, "maxConnections", DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
        if (connections <= upstream) {
            warning.accept("limits.maxConnections", connections + " connections cannot carry " + upstream
                    + " concurrent requests (limits.maxConcurrentUpstream) and idle keep-alive connections besides");
        }
        return new RouterConfig.Limits(maxBody, inFlight, upstream,
                number(limits, "writeStallTimeoutMs", d.writeStallTimeout().toMillis(), 100, 3_600_000),
                (int) number(limits, "maxJsonDepth", d.maxJsonDepth(), 32, 10_000),
                (int) number(limits, "maxTools", d.maxTools(), 1, 100_000),
                (int) number(limits, "maxToolSchemaChars", d.maxToolSchemaChars(), 1024, Integer.MAX_VALUE - 8L),
                connections,
                (int) number(limits, "receiveTimeoutSeconds", DEFAULT_RECEIVE_TIMEOUT_SECONDS, 1, 3600));
    }

    /** {@code upstream}: what the router accepts from providers. */
    UpstreamLimits upstream(JsonNode node) {
        UpstreamLimits d = UpstreamLimits.DEFAULT;
        JsonNode u = object(node, "upstream", UPSTREAM);
        return new UpstreamLimits(
                number(u, "upstream", "maxAnswerBytes", d.maxAnswerBytes(), 1024, Integer.MAX_VALUE - 8L),
                (int) number(u, "upstream", "maxErrorBodyBytes", d.maxErrorBodyBytes(), 256, 16L << 20),
                (int) number(u, "upstream", "maxSseLineBytes", d.maxSseLineBytes(), 1024, Integer.MAX_VALUE - 8L),
                number(u, "upstream", "maxStreamBytes", d.maxStreamBytes(), 1024, Long.MAX_VALUE / 2),
                Duration.ofSeconds(number(u, "upstream", "maxStreamSeconds", d.maxStreamDuration().toSeconds(), 1,
                        7 * 24 * 3600)));
    }

    /** {@code shutdown.graceSeconds}: how long requests in flight may go on once the router is told to stop. */
    Duration shutdownGrace(JsonNode node) {
        JsonNode s = object(node, "shutdown", SHUTDOWN);
        return Duration.ofSeconds(number(s, "shutdown", "graceSeconds", DEFAULT_SHUTDOWN_GRACE_SECONDS, 0, 3600));
    }

    /** {@code backends.<name>.limits}: calls in progress, calls per minute, and how long a call may queue. */
    BackendLimits backendLimits(JsonNode node, String path) {
        JsonNode b = object(node, path, BACKEND_LIMITS);
        if (b == null) {
            return BackendLimits.NONE;
        }
        return new BackendLimits((int) number(b, path, "maxConcurrent", 0, 0, 100_000),
                (int) number(b, path, "requestsPerMinute", 0, 0, 1_000_000),
                Duration.ofMillis(number(b, path, "maxWaitMs", DEFAULT_BACKEND_MAX_WAIT_MS, 0, 600_000)));
    }

    RouterConfig.Access access(JsonNode node) {
        JsonNode access = object(node, "access", ACCESS);
        List<String> keys = strings(access, "clientKeys");
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).length() < MIN_CLIENT_KEY_LENGTH) {
                // the value itself is never repeated: it is a secret
                problem.accept("access.clientKeys." + i, "must be at least " + MIN_CLIENT_KEY_LENGTH
                        + " characters (for example the output of: openssl rand -hex 24)");
            }
        }
        List<String> hosts = strings(access, "allowedHosts").stream().map(h -> h.toLowerCase(java.util.Locale.ROOT))
                .toList();
        for (int i = 0; i < hosts.size(); i++) {
            if (!HOST.matcher(hosts.get(i)).matches()) {
                problem.accept("access.allowedHosts." + i, "must be a host name without scheme or port, got '"
                        + hosts.get(i) + "'");
            }
        }
        List<String> origins = strings(access, "allowedOrigins");
        for (int i = 0; i < origins.size(); i++) {
            checkOrigin(origins.get(i), "access.allowedOrigins." + i);
        }
        return new RouterConfig.Access(keys, hosts, origins);
    }

    private void checkOrigin(String origin, String path) {
        if (origin.equals("*") || origin.equals("null")) {
            problem.accept(path, "'" + origin + "' would let any web page use the router; name the origin, "
                    + "e.g. https://app.example");
            return;
        }
        try {
            URI uri = new URI(origin);
            boolean bare = uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())
                    && uri.getQuery() == null && uri.getUserInfo() == null;
            if (!bare || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                problem.accept(path, "must be an origin like https://app.example or http://localhost:3000, got '"
                        + origin + "'");
            }
        } catch (URISyntaxException e) {
            problem.accept(path, "not a valid origin: " + e.getMessage());
        }
    }

    private JsonNode object(JsonNode node, String name, Set<String> known) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem.accept(name, "must be an object");
            return null;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                warning.accept(name + "." + key, "unknown key, ignored");
            }
        });
        return node;
    }

    private long number(JsonNode object, String key, long absent, long min, long max) {
        return number(object, "limits", key, absent, min, max);
    }

    private long number(JsonNode object, String parent, String key, long absent, long min, long max) {
        JsonNode value = object == null ? null : object.get(key);
        if (value == null || value.isNull()) {
            return absent;
        }
        String path = parent + "." + key;
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem.accept(path, "must be an integer");
            return absent;
        }
        long n = value.longValue();
        if (n < min || n > max) {
            problem.accept(path, "must be between " + min + " and " + max + ", got " + n);
            return absent;
        }
        return n;
    }

    private List<String> strings(JsonNode object, String key) {
        List<String> values = new ArrayList<>();
        JsonNode node = object == null ? null : object.get(key);
        if (node == null || node.isNull()) {
            return values;
        }
        String path = "access." + key;
        if (!node.isArray()) {
            problem.accept(path, "must be an array of strings");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                problem.accept(path + "." + i, "must be a non-empty string");
            } else {
                values.add(item.textValue().strip());
            }
        }
        return values;
    }
}
