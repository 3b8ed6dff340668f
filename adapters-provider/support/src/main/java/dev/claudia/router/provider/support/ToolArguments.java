package dev.claudia.router.provider.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * Turns a model's tool-call arguments into a compact JSON object text, repairing what models and
 * gateways commonly get wrong: code fences, single quotes, unquoted names,
 * trailing commas, comments, arguments double-encoded as a JSON string, the whole object sent
 * twice, stray closing brackets, and output cut off mid-object. The steps go from strict to
 * forgiving, so valid JSON is never "repaired".
 *
 * <p>What cannot be repaired is reported as empty, never replaced by {@code {}}: running a tool
 * with no arguments (say, a Bash call without its command) is worse than a clear error. Shared by
 * every adapter whose models write tool arguments as text (chat completions, Responses).
 */
public final class ToolArguments {

    /** How deep double-encoded strings are unwrapped ("{...}" inside a string inside a string). */
    private static final int MAX_UNWRAP = 2;

    private static final StreamReadConstraints BIG = StreamReadConstraints.builder()
            .maxStringLength(64 * 1024 * 1024).build();

    /** Valid JSON only; {@code {"a":1}{"a":2}} is not one object. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * The JSON that models write in tool arguments, which is sometimes not quite JSON: single
     * quotes, unquoted names, trailing commas, comments, raw control characters.
     */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(BIG);
        LENIENT.getFactory().setStreamReadConstraints(BIG);
    }

    private ToolArguments() {}

    /** The compact JSON object, or empty when the text cannot be made into one. */
    public static Optional<String> normalize(String raw) {
        return normalize(raw, 0);
    }

    /** A JSON object value (Ollama sends arguments as an object) as compact text. */
    public static String fromObject(JsonNode object) {
        return object.toString();
    }

    private static Optional<String> normalize(String raw, int depth) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("{}");
        }
        String text = raw.strip();
        Optional<String> parsed = parse(text, STRICT, depth);
        if (parsed.isPresent()) {
            return parsed;
        }
        String unfenced = TruncatedJson.stripFences(text);
        parsed = parse(unfenced, LENIENT, depth);
        if (parsed.isPresent()) {
            return parsed;
        }
        for (String candidate : new String[] {lastOfMany(unfenced), TruncatedJson.withoutExtraClosers(unfenced),
            TruncatedJson.close(unfenced)}) {
            if (candidate != null) {
                parsed = parse(candidate, LENIENT, depth);
                if (parsed.isPresent()) {
                    return parsed;
                }
            }
        }
        return Optional.empty();
    }

    /** An object as compact text; a string holding an object is unwrapped; anything else is empty. */
    private static Optional<String> parse(String text, ObjectMapper mapper, int depth) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && node.isObject()) {
                return Optional.of(node.toString());
            }
            if (node != null && node.isTextual() && depth < MAX_UNWRAP) {
                return normalize(node.textValue(), depth + 1); // double-encoded: "{\"a\":1}"
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Some gateways repeat the complete arguments in the final chunk, so the concatenation reads
     * "{...}{...}". When the text is a sequence of whole objects, the last one wins (it is the
     * gateway's final word).
     */
    private static String lastOfMany(String text) {
        try (MappingIterator<JsonNode> values = LENIENT.readerFor(JsonNode.class).readValues(text)) {
            JsonNode last = null;
            int count = 0;
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                if (!value.isObject()) {
                    return null;
                }
                last = value;
                count++;
            }
            return count > 1 ? last.toString() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
