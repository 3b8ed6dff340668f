package dev.claudia.router.adapters.http.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A JSON node that knows where it sits in the request, so every validation error can name the
 * exact field, as Anthropic does: {@code messages.2.content.0.source.media_type: ...}.
 *
 * <p>The path is spelled out only when an error needs it: a node holds its parent and its name or
 * index, because a Claude Code request is read through thousands of field lookups that all succeed,
 * and building each one's dotted path up front was garbage on every request (docs/performance.md,
 * "The 240 KB request").
 */
public final class JsonInput {

    private final JsonNode node;
    private final JsonInput parent;
    private final String name;
    private final int index;

    private JsonInput(JsonNode node, JsonInput parent, String name, int index) {
        this.node = node;
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    public static JsonInput root(JsonNode node) {
        return new JsonInput(node, null, null, -1);
    }

    public JsonNode node() {
        return node;
    }

    /** Where this node sits, {@code messages.2.content}; empty for the body itself. */
    public String path() {
        if (parent == null) {
            return "";
        }
        String at = name != null ? name : Integer.toString(index);
        String above = parent.path();
        return above.isEmpty() ? at : above + "." + at;
    }

    public JsonInput field(String name) {
        JsonNode child = node.get(name);
        return new JsonInput(child == null ? MissingNode.getInstance() : child, this, name, -1);
    }

    public boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    public boolean isString() {
        return node.isTextual();
    }

    public boolean isArray() {
        return node.isArray();
    }

    public boolean isObject() {
        return node.isObject();
    }

    public String string() {
        requirePresent();
        if (!node.isTextual()) {
            throw mismatch("a string");
        }
        return node.textValue();
    }

    /** The string, or null when the field is absent or null. */
    public String optString() {
        return present() ? string() : null;
    }

    public int integer() {
        requirePresent();
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw mismatch("an integer");
        }
        return node.intValue();
    }

    public Integer optInteger() {
        return present() ? integer() : null;
    }

    public Double optNumber() {
        if (!present()) {
            return null;
        }
        if (!node.isNumber()) {
            throw mismatch("a number");
        }
        return node.doubleValue();
    }

    public boolean bool(boolean absent) {
        if (!present()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw mismatch("a boolean");
        }
        return node.booleanValue();
    }

    public List<JsonInput> array() {
        requirePresent();
        if (!node.isArray()) {
            throw mismatch("an array");
        }
        List<JsonInput> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new JsonInput(node.get(i), this, null, i));
        }
        return items;
    }

    public List<JsonInput> optArray() {
        return present() ? array() : List.of();
    }

    public JsonInput object() {
        requirePresent();
        if (!node.isObject()) {
            throw mismatch("an object");
        }
        return this;
    }

    /** Calls {@code other} for each field not in {@code known} (used to report dropped fields). */
    public void forEachOtherField(Set<String> known, BiConsumer<String, JsonInput> other) {
        if (!node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                other.accept(name, field(name));
            }
        }
    }

    public ApiError error(String problem) {
        String path = path();
        return ApiError.invalidRequest((path.isEmpty() ? "" : path + ": ") + problem);
    }

    private void requirePresent() {
        if (!present()) {
            throw error("Field required");
        }
    }

    private ApiError mismatch(String expected) {
        return error("expected " + expected + ", got " + describe(node.getNodeType()));
    }

    private static String describe(JsonNodeType type) {
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
