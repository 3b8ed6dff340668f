package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gemini's schema subset, on the 24 real tool schemas of a Claude Code request (fixtures/claude-code-first-request.json). */
class GeminiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Gemini's function parameters accept (OpenAPI subset); anything else is "Unknown name ... Cannot find field". */
    private static final Set<String> GEMINI_KEYS = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");

    static List<JsonNode> claudeCodeTools() throws Exception {
        try (InputStream in = GeminiSchemasTest.class.getResourceAsStream("/fixtures/claude-code-first-request.json")) {
            List<JsonNode> tools = new ArrayList<>();
            JSON.readTree(in).get("tools").forEach(tools::add);
            return tools;
        }
    }

    private static JsonNode rewrite(String schema) throws Exception {
        String out = SchemaRule.GEMINI.rewrite(schema);
        return out == null ? null : JSON.readTree(out);
    }

    @Test
    void every_claude_code_schema_becomes_the_subset_without_losing_its_fields_requirements_or_enums() throws Exception {
        List<JsonNode> tools = claudeCodeTools();
        assertEquals(24, tools.size());
        int rewritten = 0;
        for (JsonNode tool : tools) {
            JsonNode before = tool.get("input_schema");
            JsonNode after = rewrite(before.toString());
            if (before.path("properties").isEmpty()) {
                assertNull(after, tool.get("name") + ": no properties, so no parameters at all");
                continue;
            }
            rewritten++;
            onlyGeminiKeys(after, tool.get("name").asText());
            sameShape(before, after, tool.get("name").asText());
        }
        assertEquals(22, rewritten);
    }

    /** Every property, requirement and string enum of the original is still there (free-form maps excepted). */
    private static void sameShape(JsonNode before, JsonNode after, String where) {
        for (var p : before.path("properties").properties()) {
            JsonNode original = p.getValue();
            boolean freeForm = original.path("type").asText().equals("object") && original.path("properties").isEmpty();
            if (freeForm && !required(before, p.getKey())) {
                assertFalse(after.path("properties").has(p.getKey()), where + "." + p.getKey() + ": an optional map is left out");
                continue;
            }
            JsonNode kept = after.path("properties").get(p.getKey());
            assertNotNull(kept, where + "." + p.getKey() + " kept");
            if (original.has("enum")) {
                assertEquals(original.get("enum"), kept.get("enum"), where + "." + p.getKey() + " enum");
            }
            if (original.has("type") && original.get("type").isTextual()) {
                assertEquals(original.get("type"), kept.get("type"), where + "." + p.getKey() + " type");
            }
            if (original.path("properties").size() > 0 || original.path("items").path("properties").size() > 0) {
                sameShape(original.has("items") ? original.get("items") : original,
                        kept.has("items") ? kept.get("items") : kept, where + "." + p.getKey());
            }
        }
        for (JsonNode r : before.path("required")) {
            if (after.path("properties").has(r.asText())) {
                assertTrue(required(after, r.asText()), where + ": still requires " + r);
            }
        }
    }

    private static boolean required(JsonNode schema, String name) {
        for (JsonNode r : schema.path("required")) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void onlyGeminiKeys(JsonNode schema, String where) {
        if (!schema.isObject()) {
            return;
        }
        schema.properties().forEach(e -> {
            if (e.getKey().equals("properties")) {
                e.getValue().properties().forEach(p -> onlyGeminiKeys(p.getValue(), where + "." + p.getKey()));
                return;
            }
            assertTrue(GEMINI_KEYS.contains(e.getKey()), where + ": '" + e.getKey() + "' is not in Gemini's subset");
            if (e.getKey().equals("items")) {
                onlyGeminiKeys(e.getValue(), where + "[]");
            } else if (e.getKey().equals("anyOf")) {
                e.getValue().forEach(s -> onlyGeminiKeys(s, where + "|"));
            }
        });
        if (schema.path("type").asText().equals("object")) {
            assertFalse(schema.path("properties").isEmpty(), where + ": Gemini refuses an object without properties");
        }
    }

    @Test
    void const_unions_exclusive_bounds_formats_and_non_string_enums_are_rewritten_not_lost() throws Exception {
        JsonNode out = rewrite("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{
                   "status":{"anyOf":[{"type":"string","enum":["pending","done"]},{"type":"string","const":"deleted"}]},
                   "limit":{"type":"integer","exclusiveMinimum":0,"maximum":9007199254740991},
                   "url":{"type":"string","format":"uri"},
                   "when":{"type":"string","format":"date-time"},
                   "level":{"type":"integer","enum":[1,2,3]},
                   "note":{"type":["string","null"]},
                   "either":{"type":["string","number"]},
                   "tags":{"type":"array","items":{"type":"string","propertyNames":{"pattern":"x"}}},
                   "meta":{"type":"object","propertyNames":{"type":"string"},"additionalProperties":{}},
                   "env":{"type":"object","additionalProperties":{"type":"string"}}},
                 "required":["status","env","gone"]}""");
        assertEquals(JSON.readTree("""
                {"type":"object","properties":{
                   "status":{"anyOf":[{"type":"string","enum":["pending","done"]},{"type":"string","enum":["deleted"]}]},
                   "limit":{"type":"integer","minimum":0,"maximum":9007199254740991},
                   "url":{"type":"string"},
                   "when":{"type":"string","format":"date-time"},
                   "level":{"type":"integer","description":"(one of: 1, 2, 3)"},
                   "note":{"type":"string","nullable":true},
                   "either":{"anyOf":[{"type":"string"},{"type":"number"}]},
                   "tags":{"type":"array","items":{"type":"string"}},
                   "env":{"type":"object","properties":{"value":{"type":"string"}}}},
                 "required":["status","env"]}"""), out);
    }

    @Test
    void local_references_are_inlined_and_a_recursive_one_ends() throws Exception {
        JsonNode out = rewrite("""
                {"type":"object","$defs":{"point":{"type":"object","properties":{"x":{"type":"number"}},"required":["x"]},
                  "node":{"type":"object","properties":{"name":{"type":"string"},"child":{"$ref":"#/$defs/node"}}}},
                 "properties":{"at":{"$ref":"#/$defs/point"},"tree":{"$ref":"#/$defs/node"}}}""");
        assertEquals(JSON.readTree("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"}},\"required\":[\"x\"]}"),
                out.at("/properties/at"));
        JsonNode tree = out.at("/properties/tree");
        int depth = 0;
        while (tree.has("properties") && tree.at("/properties/child").isObject()) {
            tree = tree.at("/properties/child");
            depth++;
        }
        assertTrue(depth > 2 && depth <= 8, "followed the reference a few times, then stopped: " + depth);
        assertFalse(out.toString().contains("$ref") || out.toString().contains("$defs"));
    }

    @Test
    void groq_loses_only_the_schema_keyword_and_other_dialects_nothing() {
        String schema = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                + "\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}";
        assertEquals("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}",
                SchemaRule.NO_SCHEMA_KEYWORD.rewrite(schema));
        assertEquals(schema, SchemaRule.KEEP.rewrite(schema));
        ObjectNode empty = JSON.createObjectNode().put("type", "object");
        empty.putObject("properties");
        assertNull(SchemaRule.GEMINI.rewrite(empty.toString()));
    }
}
