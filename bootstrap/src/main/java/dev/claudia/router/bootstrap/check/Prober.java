package dev.claudia.router.bootstrap.check;

import dev.claudia.router.domain.port.ProviderFailure;

import java.util.List;
import java.util.Optional;

/** Sends one profile's probes through the router's real path (its route, its adapter, the translation). */
public interface Prober {

    /**
     * The backend's model list, when the adapter offers one ({@code ModelCatalog}); empty when it does not.
     */
    Optional<ModelList> models();

    Outcome send(Probe probe);

    /** A model list, or why there is none. */
    record ModelList(List<String> ids, ProviderFailure failure, long millis) {
        public ModelList {
            ids = ids == null ? null : List.copyOf(ids);
        }
    }
}
