package dev.claudia.router.domain.routing;

import dev.claudia.router.domain.message.RawJson;

import java.util.Objects;

/**
 * Where one attempt of a request goes.
 *
 * @param alias         the model name the caller used; echoed back in responses
 * @param profile       the config entry that produced this route (a profile alias, a legacy
 *                      modelMap key, or {@code defaultBackend})
 * @param backend       the backend name in config.json
 * @param providerModel the model id the provider knows
 * @param extraBody     a JSON object deep-merged into the provider request body
 * @param limits        the provider model's context window and output limit, as declared in config
 * @param options       the profile's options for its backend's adapter (config
 *                      {@code modelProfiles.*.options}), a JSON object the adapter validated at
 *                      start-up and reads itself; the domain only carries it
 */
public record Route(String alias, String profile, String backend, String providerModel, RetryPolicy retry,
                    RawJson extraBody, Capabilities capabilities, ModelLimits limits, RawJson options) {
    public Route {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(extraBody, "extraBody");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(options, "options");
    }

    /** A route with undeclared model limits and without adapter options. */
    public Route(String alias, String profile, String backend, String providerModel, RetryPolicy retry,
                 RawJson extraBody, Capabilities capabilities) {
        this(alias, profile, backend, providerModel, retry, extraBody, capabilities, ModelLimits.UNDECLARED,
                RawJson.EMPTY_OBJECT);
    }

    /** The same route, for a different requested alias (used when a routing rule redirects). */
    public Route forAlias(String newAlias) {
        return new Route(newAlias, profile, backend, providerModel, retry, extraBody, capabilities, limits, options);
    }
}
