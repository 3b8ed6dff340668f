package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * Turns a model's tool-call arguments into a compact JSON object text, repairing what models and
 * gateways commonly get wrong (protocol.md D.2, E.12): code fences, single quotes, unquoted names,
 * trailing commas, comments, arguments double-encoded as a JSON string, the whole object sent
 * twice, stray closing brackets, and output cut off mid-object. The steps go from strict to
 * forgiving, so valid JSON is never "repaired".
 *
 * <p>What cannot be repaired is reported as empty, never replaced by {@code {}}: running a tool
 * with no arguments (say, a Bash call without its command) is worse than a clear error.
 */
public final class ToolArguments {

    /** How deep double-encoded strings are unwrapped ("{...}" inside a string inside a string). */
    private static final int MAX_UNWRAP = 2;

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
        Optional<String> parsed = parse(text, ProviderJson.MAPPER, depth);
        if (parsed.isPresent()) {
            return parsed;
        }
        String unfenced = TruncatedJson.stripFences(text);
        parsed = parse(unfenced, ProviderJson.LENIENT, depth);
        if (parsed.isPresent()) {
            return parsed;
        }
        for (String candidate : new String[] {lastOfMany(unfenced), TruncatedJson.withoutExtraClosers(unfenced),
            TruncatedJson.close(unfenced)}) {
            if (candidate != null) {
                parsed = parse(candidate, ProviderJson.LENIENT, depth);
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
        try (MappingIterator<JsonNode> values = ProviderJson.LENIENT.readerFor(JsonNode.class).readValues(text)) {
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
