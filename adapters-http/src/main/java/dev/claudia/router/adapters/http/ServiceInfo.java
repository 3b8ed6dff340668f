package dev.claudia.router.adapters.http;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /health} and {@code GET /} report: version, start time and the configured
 * backends, without secrets (only whether a key is present, and which variable holds it).
 */
public record ServiceInfo(String version, Instant startedAt, List<Backend> backends) {

    public ServiceInfo {
        backends = List.copyOf(backends);
    }

    /**
     * @param mode {@code "live"}, or {@code "demo"} when requests to it are answered by the
     *             built-in demo backend because its key is missing
     */
    public record Backend(String name, String baseUrl, String apiKeyEnv, boolean apiKeyPresent, String mode) {}
}
