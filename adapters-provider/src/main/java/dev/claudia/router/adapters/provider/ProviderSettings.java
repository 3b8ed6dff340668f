package dev.claudia.router.adapters.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one OpenAI-compatible backend.
 *
 * @param backend        the backend name in config.json (used in messages and logs)
 * @param baseUrl        e.g. {@code https://integrate.api.nvidia.com/v1}; requests go to {@code {baseUrl}/chat/completions}
 * @param apiKey         sent as {@code Authorization: Bearer}; null sends no Authorization header
 * @param apiKeyEnv      the variable that held the key, named in authentication errors; may be null
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long the provider may stay silent (reasoning models think for minutes)
 */
public record ProviderSettings(String backend, URI baseUrl, String apiKey, String apiKeyEnv, Duration connectTimeout,
                               Duration readTimeout) {
    public ProviderSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    @Override
    public String toString() {
        // never print the key
        return "ProviderSettings[backend=" + backend + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", apiKeyEnv=" + apiKeyEnv + "]";
    }
}
