package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The adapter's JSON settings: OpenAI's snake_case names, generous read limits for big answers,
 * and no silently ignored trailing content ({@code {"a":1}{"a":2}} is not {@code {"a":1}}).
 * Whole answers are read as trees, stream chunks with the streaming parser of the same factory
 * ({@code stream.ChunkReader}); either way unknown and missing fields never fail a parse.
 */
public final class ProviderJson {

    private static final StreamReadConstraints BIG = StreamReadConstraints.builder()
            .maxStringLength(64 * 1024 * 1024).build();

    /** Writes requests and reads responses strictly. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(BIG);
    }

    private ProviderJson() {}

    /** A text field, or null when absent, null or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** A non-negative integer field, or 0 when absent, null, negative or not a number. */
    public static int integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? Math.max(0, value.intValue()) : 0;
    }
}
