package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;

/** The admin bodies that add names to a set: {@code {"keys": [...]}}, {@code {"models": [...]}}. */
final class Names {

    private Names() {}

    /** Adds every string of {@code body.<field>} (all or none); returns the new size. */
    static int addAll(JsonNode body, String field, Collection<String> into) {
        JsonNode list = body.path(field);
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("expected {\"" + field + "\":[\"...\", ...]}");
        }
        list.forEach(k -> {
            if (!k.isTextual() || k.asText().isBlank()) {
                throw new IllegalArgumentException(field + " must be non-empty strings, not " + k);
            }
        });
        synchronized (into) {
            list.forEach(k -> into.add(k.asText()));
            return into.size();
        }
    }
}
