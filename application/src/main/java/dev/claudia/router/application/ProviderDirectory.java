package dev.claudia.router.application;

import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;

import java.util.Map;

/** The configured providers, by backend name, each behind its {@link BackendGate}. */
public final class ProviderDirectory {

    private final Map<String, ChatProvider> byBackend;
    private final Map<String, BackendGate> gates;

    public ProviderDirectory(Map<String, ChatProvider> byBackend) {
        this(byBackend, Map.of());
    }

    /** Backends without a gate are not limited. */
    public ProviderDirectory(Map<String, ChatProvider> byBackend, Map<String, BackendGate> gates) {
        this.byBackend = Map.copyOf(byBackend);
        this.gates = Map.copyOf(gates);
    }

    ChatProvider forBackend(String backend) {
        ChatProvider provider = byBackend.get(backend);
        if (provider == null) {
            throw new ProviderException(ProviderFailure.of(FailureKind.NOT_FOUND, backend,
                    "no backend named '" + backend + "' is configured"));
        }
        return provider;
    }

    BackendGate gate(String backend) {
        BackendGate gate = gates.get(backend);
        return gate != null ? gate : OPEN;
    }

    private static final BackendGate OPEN = BackendGate.open("-");
}
