package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The adapter's JSON settings: OpenAI's snake_case names, and generous read limits for big answers. */
public final class ProviderJson {

    /** Writes requests and reads responses strictly. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /**
     * Reads the JSON that models write in tool arguments, which is sometimes not quite JSON:
     * single quotes, unquoted names, trailing commas, comments, raw control characters.
     */
    static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    static {
        StreamReadConstraints big = StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build();
        MAPPER.getFactory().setStreamReadConstraints(big);
        LENIENT.getFactory().setStreamReadConstraints(big);
    }

    private ProviderJson() {}

    /** A text field, or null when absent, null or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** An integer field, or 0 when absent. */
    public static int integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.intValue() : 0;
    }
}
