package dev.claudia.router.domain.routing;

import java.util.Objects;

/** A model name callers can use, as listed by {@code GET /v1/models}. */
public record ModelInfo(String id, String displayName) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
