package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The adapter's JSON settings: the Responses API's snake_case names, generous read limits (answers
 * carry encrypted reasoning and whole tool arguments), and no silently ignored trailing content.
 * Answers and events are read as trees, but for the delta events of a stream, read with the streaming
 * parser of the same factory ({@code stream.DeltaEvent}); either way unknown and missing fields never fail a parse.
 */
public final class ResponsesJson {

    /** Writes requests and reads answers and events strictly. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024).build());
    }

    private ResponsesJson() {}

    /** The JSON object in {@code text}, or null when it is not one. */
    public static JsonNode object(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

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

    /** A prefix of {@code text} for messages. */
    static String excerpt(String text, int max) {
        String t = text == null ? "" : text;
        return t.length() <= max ? t : t.substring(0, max) + "...";
    }
}
