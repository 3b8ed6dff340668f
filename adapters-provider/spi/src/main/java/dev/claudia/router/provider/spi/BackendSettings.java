package dev.claudia.router.provider.spi;

import java.net.URI;
import java.util.Objects;

/**
 * One backend of config.json, as its adapter needs it.
 *
 * @param name      the backend's name in config.json (for messages and logs; never the key)
 * @param baseUrl   {@code backends.<name>.baseUrl}, without a trailing slash; what the adapter appends
 *                  ({@code /chat/completions}, {@code /messages}) is its own business
 * @param apiKey    the backend's key, from the variable {@code apiKeyEnv} names; null when none is set.
 *                  A secret: adapters send it upstream and nowhere else (not in messages, not in logs)
 * @param apiKeyEnv the variable that holds the key, for messages such as "check NVIDIA_API_KEY"; may be null
 */
public record BackendSettings(String name, URI baseUrl, String apiKey, String apiKeyEnv) {
    public BackendSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    @Override
    public String toString() {
        // never print the key
        return "BackendSettings[name=" + name + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", apiKeyEnv=" + apiKeyEnv + "]";
    }
}
