package dev.claudia.router.application;

import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;

import java.util.Map;

/** The configured providers, by backend name. */
public final class ProviderDirectory {

    private final Map<String, ChatProvider> byBackend;

    public ProviderDirectory(Map<String, ChatProvider> byBackend) {
        this.byBackend = Map.copyOf(byBackend);
    }

    ChatProvider forBackend(String backend) {
        ChatProvider provider = byBackend.get(backend);
        if (provider == null) {
            throw new ProviderException(ProviderFailure.of(FailureKind.NOT_FOUND, backend,
                    "no backend named '" + backend + "' is configured"));
        }
        return provider;
    }
}
