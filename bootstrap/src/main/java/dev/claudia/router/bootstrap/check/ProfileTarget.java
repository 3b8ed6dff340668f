package dev.claudia.router.bootstrap.check;

import java.net.URI;
import java.util.Objects;

/**
 * The profile being checked and what it points at.
 *
 * @param apiKeyEnv the variable that holds the backend's key; null when it needs none
 * @param key       whether that key is there
 * @param streams   false when the profile declares {@code capabilities.streaming: false} (the router
 *                  then makes streams from whole answers)
 */
public record ProfileTarget(String alias, String backend, String adapter, URI baseUrl, String providerModel,
                            String apiKeyEnv, Key key, boolean streams) {

    /** The backend's key, as far as the check can tell before sending anything. */
    public enum Key {
        SET,
        /** {@code apiKeyEnv} names a variable that is empty or unset: the profile cannot be checked. */
        NOT_SET,
        /** No {@code apiKeyEnv}, or a server on this machine without one: requests go without a key, as in real traffic. */
        NONE
    }

    public ProfileTarget {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(key, "key");
    }
}
