package dev.claudia.router.bootstrap.config;

import dev.claudia.router.adapters.http.Redactor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the router's secrets come from: the client keys callers may present
 * ({@code CLAUDIA_AUTH_TOKEN}, {@code CLAUDIA_CLIENT_KEYS} as a comma-separated list, and
 * {@code access.clientKeys}), and everything else that must never be written anywhere: the
 * providers' keys and the credentials in base URLs.
 */
public final class Secrets {

    private Secrets() {}

    /** The accepted client keys, in that order; empty when callers need none. */
    public static List<String> clientKeys(RouterConfig config, Environment env) {
        List<String> keys = new ArrayList<>();
        env.get("CLAUDIA_AUTH_TOKEN").ifPresent(keys::add);
        env.get("CLAUDIA_CLIENT_KEYS").ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(k -> !k.isEmpty()).forEach(keys::add));
        keys.addAll(config.access().clientKeys());
        return keys;
    }

    /** Every secret the router holds: client keys, provider keys, credentials in base URLs. */
    public static List<String> all(RouterConfig config, Environment env) {
        List<String> secrets = new ArrayList<>(clientKeys(config, env));
        for (RouterConfig.Backend backend : config.backends().values()) {
            env.get(backend.apiKeyEnv()).ifPresent(secrets::add);
            secrets.addAll(Redactor.secretsOf(backend.baseUrl()));
        }
        return secrets;
    }
}
