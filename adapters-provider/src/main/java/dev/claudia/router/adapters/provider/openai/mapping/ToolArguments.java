package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Turns a model's tool-call arguments into a JSON object text, repairing what models commonly get
 * wrong (protocol.md D.2): code fences, single quotes, trailing commas, comments, arguments
 * double-encoded as a JSON string, the whole object sent twice, and output cut off mid-object.
 * What cannot be repaired is reported as empty, never replaced by {@code {}}: an empty input would
 * run the tool with no arguments, which is worse than a clear error.
 */
public final class ToolArguments {

    private ToolArguments() {}

    /** The compact JSON object, or empty when the text cannot be made into one. */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("{}");
        }
        String text = raw.strip();
        Optional<String> parsed = parse(text);
        if (parsed.isPresent()) {
            return parsed;
        }
        String unfenced = stripFences(text);
        for (String candidate : new String[] {unfenced, lastOfMany(unfenced), closeTruncated(unfenced)}) {
            if (candidate != null) {
                parsed = parse(candidate);
                if (parsed.isPresent()) {
                    return parsed;
                }
            }
        }
        return Optional.empty();
    }

    /** A JSON object value (Ollama sends arguments as an object) as compact text. */
    public static String fromObject(JsonNode object) {
        return object.toString();
    }

    private static Optional<String> parse(String text) {
        for (ObjectMapper mapper : new ObjectMapper[] {ProviderJson.MAPPER, ProviderJson.LENIENT}) {
            try {
                JsonNode node = mapper.readTree(text);
                if (node != null && node.isObject()) {
                    return Optional.of(node.toString());
                }
                if (node != null && node.isTextual() && !node.textValue().equals(text)) {
                    // double-encoded: "{\"a\":1}"
                    return parse(node.textValue().strip());
                }
                return Optional.empty();
            } catch (JsonProcessingException e) {
                // try the next reader
            }
        }
        return Optional.empty();
    }

    private static String stripFences(String text) {
        String t = text;
        if (t.startsWith("```")) {
            int newline = t.indexOf('\n');
            t = newline < 0 ? t.substring(3) : t.substring(newline + 1);
        }
        if (t.endsWith("```")) {
            t = t.substring(0, t.length() - 3);
        }
        return t.strip();
    }

    /** Some gateways repeat the complete arguments at the end: "{...}{...}". The last complete one wins. */
    private static String lastOfMany(String text) {
        try (MappingIterator<JsonNode> values = ProviderJson.LENIENT.readerFor(JsonNode.class).readValues(text)) {
            JsonNode last = null;
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                if (value.isObject()) {
                    last = value;
                }
            }
            return last == null ? null : last.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Output cut off mid-object (max_tokens): close the open string, drop a dangling separator, close brackets. */
    static String closeTruncated(String text) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                open.push(c);
            } else if (c == '}' || c == ']') {
                if (open.isEmpty()) {
                    return null;
                }
                open.pop();
            }
        }
        if (open.isEmpty() && !inString) {
            return null;
        }
        StringBuilder closed = new StringBuilder(text);
        if (escaped) {
            closed.setLength(closed.length() - 1);
        }
        if (inString) {
            closed.append('"');
        }
        String tail = closed.toString().stripTrailing();
        if (tail.endsWith(",")) {
            tail = tail.substring(0, tail.length() - 1);
        } else if (tail.endsWith(":")) {
            tail = tail + "null";
        }
        closed = new StringBuilder(tail);
        while (!open.isEmpty()) {
            closed.append(open.pop() == '{' ? '}' : ']');
        }
        return closed.toString();
    }
}
