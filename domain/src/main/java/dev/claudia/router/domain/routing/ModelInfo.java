package dev.claudia.router.domain.routing;

import java.util.Objects;

/** A model name callers can use, as listed by {@code GET /v1/models}, with the limits its profile declares. */
public record ModelInfo(String id, String displayName, ModelLimits limits) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(limits, "limits");
    }

    public ModelInfo(String id, String displayName) {
        this(id, displayName, ModelLimits.UNDECLARED);
    }
}
