package dev.claudia.router.domain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Verbatim;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Renders domain records as readable JSON for golden files: each record becomes an object with
 * an {@code @type} (its simple name) and its components; RawJson is embedded as JSON.
 */
public final class DomainJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private DomainJson() {}

    public static String render(Object value) {
        try {
            return MAPPER.writeValueAsString(node(value)) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode node(Object value) throws Exception {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof RawJson raw) {
            return MAPPER.readTree(raw.text());
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return MAPPER.valueToTree(value);
        }
        if (value instanceof Enum<?> e) {
            return f.textNode(e.name());
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = f.arrayNode();
            Collection<?> ordered = c instanceof java.util.Set<?> set ? new TreeSet<>(set) : c;
            for (Object item : ordered) {
                array.add(node(item));
            }
            return array;
        }
        if (value.getClass().isRecord()) {
            ObjectNode object = f.objectNode();
            object.put("@type", value.getClass().getSimpleName());
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                if (component.getType() == Verbatim.class) {
                    continue; // the bytes a value was read from (or passes through as) are not the value
                }
                component.getAccessor().setAccessible(true);
                object.set(component.getName(), node(component.getAccessor().invoke(value)));
            }
            return object;
        }
        return f.textNode(value.toString());
    }
}
