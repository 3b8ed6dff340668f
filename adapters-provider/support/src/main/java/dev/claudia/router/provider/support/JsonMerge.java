package dev.claudia.router.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The deep merge of a profile's {@code extraBody} into a provider request, the same for every
 * adapter: objects merge key by key, recursively; anything else (arrays included) replaces what
 * was there.
 */
public final class JsonMerge {

    private JsonMerge() {}

    /** Merges {@code value} into {@code target.key}. */
    public static void merge(ObjectNode target, String key, JsonNode value) {
        JsonNode existing = target.get(key);
        if (existing instanceof ObjectNode existingObject && value.isObject()) {
            value.properties().forEach(e -> merge(existingObject, e.getKey(), e.getValue()));
        } else {
            target.set(key, value.deepCopy());
        }
    }

    /** {@code base} with {@code value} merged in: a new tree, neither argument changes. */
    public static JsonNode merged(JsonNode base, JsonNode value) {
        if (base instanceof ObjectNode object && value.isObject()) {
            ObjectNode copy = object.deepCopy();
            value.properties().forEach(e -> merge(copy, e.getKey(), e.getValue()));
            return copy;
        }
        return value.deepCopy();
    }
}
