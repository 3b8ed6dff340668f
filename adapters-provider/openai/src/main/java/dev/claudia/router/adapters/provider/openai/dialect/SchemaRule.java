package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** How a provider needs the JSON Schema of a tool's parameters. */
public enum SchemaRule {
    /** As the client wrote it (JSON Schema 2020-12 with {@code $schema}, {@code additionalProperties}...). */
    KEEP,
    /** Without the top-level {@code $schema} keyword (Groq). */
    NO_SCHEMA_KEYWORD,
    /** Gemini's OpenAPI subset ({@link GeminiSchemas}). */
    GEMINI;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * The schema to send as {@code parameters}, or null to send none (Gemini rejects an object
     * without properties).
     */
    public String rewrite(String schema) {
        if (this == KEEP || this == NO_SCHEMA_KEYWORD && !schema.contains("\"$schema\"")) {
            return schema;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(schema);
        } catch (IOException e) {
            throw new UncheckedIOException("a tool schema the inbound side accepted is not JSON", e);
        }
        if (!(tree instanceof ObjectNode object)) {
            return schema;
        }
        if (this == NO_SCHEMA_KEYWORD) {
            object.remove("$schema");
            return object.toString();
        }
        ObjectNode rewritten = GeminiSchemas.rewrite(object);
        return rewritten == null ? null : rewritten.toString();
    }
}
