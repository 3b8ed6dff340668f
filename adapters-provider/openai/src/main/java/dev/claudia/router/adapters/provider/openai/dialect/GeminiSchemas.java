package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tool schemas in the subset of OpenAPI that Gemini's OpenAI endpoint accepts as function
 * {@code parameters}. Anything else is refused with 400 "Invalid JSON payload received. Unknown name
 * \"$schema\" at 'tools[0].function_declarations[0].parameters': Cannot find field.", and an object
 * without properties with "properties: should be non-empty for OBJECT type". What the subset cannot
 * say is rewritten rather than lost where it matters: {@code const} becomes a one-value
 * {@code enum}, type unions become {@code nullable} or {@code anyOf}, {@code exclusiveMinimum} a
 * {@code minimum}, non-string enums move into the description, local {@code $ref}s are inlined;
 * {@code required}, string enums and nested objects stay.
 */
final class GeminiSchemas {

    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> STRING_FORMATS = Set.of("enum", "date-time");
    private static final Set<String> NUMBER_FORMATS = Set.of("float", "double", "int32", "int64");
    private static final int MAX_REF_DEPTH = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode root;

    private GeminiSchemas(ObjectNode root) {
        this.root = root;
    }

    /** The rewritten top-level schema, or null when it has no properties (then no parameters are sent). */
    static ObjectNode rewrite(ObjectNode schema) {
        ObjectNode out = new GeminiSchemas(schema).node(schema, 0);
        JsonNode properties = out.get("properties");
        return properties == null || properties.isEmpty() ? null : out;
    }

    private ObjectNode node(JsonNode in, int depth) {
        // Each $ref followed counts, so a recursive schema (a tree of nodes) ends instead of looping.
        int refDepth = in.has("$ref") ? depth + 1 : depth;
        JsonNode schema = resolve(in, depth);
        ObjectNode out = NODES.objectNode();
        if (!schema.isObject()) {
            return out;
        }
        types(schema, out);
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "type" -> { } // done by types()
                case "const" -> out.set("enum", NODES.arrayNode().add(value));
                case "exclusiveMinimum" -> out.putIfAbsent("minimum", value);
                case "exclusiveMaximum" -> out.putIfAbsent("maximum", value);
                case "examples" -> {
                    if (value.isArray() && !value.isEmpty()) {
                        out.putIfAbsent("example", value.get(0));
                    }
                }
                case "oneOf", "anyOf" -> out.set("anyOf", list(value, refDepth));
                case "allOf" -> mergeAll(value, out, refDepth);
                case "properties" -> {
                    if (out.get("properties") instanceof ObjectNode merged) {
                        merged.setAll(properties(value, refDepth)); // allOf came first
                    } else {
                        out.set("properties", properties(value, refDepth));
                    }
                }
                case "items" -> out.set("items", value.isObject() ? node(value, refDepth) : NODES.objectNode());
                default -> {
                    if (KEPT.contains(key)) {
                        out.set(key, value.deepCopy());
                    }
                }
            }
        }
        tidy(out);
        return out;
    }

    /** {@code type: [a, "null"]} is a nullable {@code a}; a union of several types is an {@code anyOf}. */
    private static void types(JsonNode schema, ObjectNode out) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return;
        }
        if (type.isTextual()) {
            out.put("type", type.textValue());
            return;
        }
        List<String> kinds = new ArrayList<>();
        type.forEach(t -> {
            if (t.isTextual() && !t.textValue().equals("null")) {
                kinds.add(t.textValue());
            } else if (t.isTextual()) {
                out.put("nullable", true);
            }
        });
        if (kinds.size() == 1) {
            out.put("type", kinds.getFirst());
        } else if (kinds.size() > 1) {
            ArrayNode anyOf = out.putArray("anyOf");
            kinds.forEach(k -> anyOf.addObject().put("type", k));
        }
    }

    private ObjectNode properties(JsonNode properties, int refDepth) {
        ObjectNode out = NODES.objectNode();
        properties.properties().forEach(p -> out.set(p.getKey(), node(p.getValue(), refDepth)));
        return out;
    }

    private ArrayNode list(JsonNode schemas, int refDepth) {
        ArrayNode out = NODES.arrayNode();
        schemas.forEach(s -> out.add(node(s, refDepth)));
        return out;
    }

    /** {@code allOf}: the parts' properties and requirements, merged into the schema itself. */
    private void mergeAll(JsonNode parts, ObjectNode out, int refDepth) {
        for (JsonNode part : parts) {
            ObjectNode merged = node(part, refDepth);
            merged.properties().forEach(e -> {
                if (e.getKey().equals("properties") && out.get("properties") instanceof ObjectNode mine) {
                    mine.setAll((ObjectNode) e.getValue());
                } else if (e.getKey().equals("required") && out.get("required") instanceof ArrayNode mine) {
                    mine.addAll((ArrayNode) e.getValue());
                } else {
                    out.putIfAbsent(e.getKey(), e.getValue());
                }
            });
        }
    }

    /** The constraints Gemini puts on what remains. */
    private static void tidy(ObjectNode out) {
        String type = out.path("type").asText("");
        JsonNode format = out.get("format");
        if (format != null && !(type.equals("string") ? STRING_FORMATS : NUMBER_FORMATS).contains(format.asText())) {
            out.remove("format");
        }
        JsonNode values = out.get("enum");
        if (values != null && (!values.isArray() || !allText(values))) {
            out.remove("enum");
            out.put("description", (out.path("description").asText("") + " (one of: " + join(values) + ")").strip());
        } else if (values != null && !out.has("type")) {
            out.put("type", "string");
        }
        if (out.get("properties") instanceof ObjectNode properties) {
            dropFreeFormObjects(properties, out);
            if (out.get("required") instanceof ArrayNode required) {
                ArrayNode kept = NODES.arrayNode();
                required.forEach(r -> {
                    if (properties.has(r.asText())) {
                        kept.add(r);
                    }
                });
                out.set("required", kept);
            }
        }
        if (type.equals("array") && !out.has("items")) {
            out.putObject("items").put("type", "string");
        }
    }

    /**
     * An object without properties (a free-form map: {@code additionalProperties} or
     * {@code propertyNames} only) cannot be said; an optional one is left out, a required one keeps
     * a placeholder property so the call stays valid.
     */
    private static void dropFreeFormObjects(ObjectNode properties, ObjectNode parent) {
        List<String> freeForm = new ArrayList<>();
        properties.properties().forEach(p -> {
            JsonNode value = p.getValue();
            if (value.path("type").asText("").equals("object") && value.path("properties").isEmpty()) {
                freeForm.add(p.getKey());
            }
        });
        for (String name : freeForm) {
            if (requires(parent, name)) {
                ((ObjectNode) properties.get(name)).putObject("properties").putObject("value").put("type", "string");
            } else {
                properties.remove(name);
            }
        }
    }

    private static boolean requires(ObjectNode schema, String name) {
        for (JsonNode r : schema.path("required")) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A local {@code $ref} ({@code #/$defs/X}, {@code #/definitions/X}) replaced by what it points at. */
    private JsonNode resolve(JsonNode schema, int refDepth) {
        if (refDepth >= MAX_REF_DEPTH) {
            return NODES.objectNode();
        }
        JsonNode current = schema;
        for (int depth = refDepth; current.has("$ref") && depth < MAX_REF_DEPTH; depth++) {
            String ref = current.get("$ref").asText("");
            JsonNode target = ref.startsWith("#/") ? root.at(ref.substring(1)) : null;
            if (target == null || target.isMissingNode()) {
                ObjectNode without = ((ObjectNode) current).deepCopy();
                without.remove("$ref");
                return without;
            }
            current = target;
        }
        return current;
    }

    private static boolean allText(JsonNode values) {
        for (JsonNode v : values) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String join(JsonNode values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append(out.isEmpty() ? "" : ", ").append(v.isTextual() ? v.textValue() : v.toString()));
        return out.toString();
    }
}
