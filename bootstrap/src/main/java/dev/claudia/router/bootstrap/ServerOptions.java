package dev.claudia.router.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a router.
 *
 * @param configFile  config.json to read
 * @param environment variables (API keys, LOG_LEVEL, CLAUDIA_*), already merged with any .env file
 * @param host        interface to bind; null means CLAUDIA_HOST or 127.0.0.1
 * @param port        port to bind; null means config.json's {@code port}; 0 picks a free one
 */
public record ServerOptions(Path configFile, Map<String, String> environment, String host, Integer port) {
    public ServerOptions {
        Objects.requireNonNull(configFile, "configFile");
        environment = Map.copyOf(environment);
    }
}
