package dev.claudia.router.adapters.provider.openai.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code chat.completion.chunk} in a single pass of Jackson's streaming parser into a
 * {@link Chunk}, instead of a JSON tree per chunk: a stream is hundreds of chunks, nearly all one
 * small delta, so the tree was most of what a streamed token cost. Unknown fields are skipped
 * (still checked for syntax); the rare parts the dialect rules read as trees are read as subtrees
 * only when present. It reads what the tree did: a field repeated in an object counts once, the
 * last time; a field of another type than expected counts as absent; only {@code choices[0]} is read.
 */
final class ChunkReader {

    /**
     * Reads the subtrees: the mapper's own settings, less its check for trailing content, which
     * would take the rest of the chunk after a subtree for garbage (the whole chunk is checked in {@link #read}).
     */
    private static final ObjectReader SUBTREE = ProviderJson.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ChunkReader() {}

    /**
     * @return the chunk, or null when {@code data} is not one JSON object (a scalar, an array, or
     *         an object followed by more than white space)
     * @throws IOException when {@code data} is not JSON, or beyond the parser's limits (depth, lengths)
     */
    static Chunk read(String data) throws IOException {
        try (JsonParser parser = ProviderJson.MAPPER.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Chunk chunk = chunk(parser);
            return parser.nextToken() == null ? chunk : null;
        }
    }

    private static Chunk chunk(JsonParser parser) throws IOException {
        JsonNode error = null;
        JsonNode usage = null;
        JsonNode timings = null;
        Chunk.Choice choice = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "choices" -> choice = firstChoice(parser, value);
                case "error" -> error = value == JsonToken.VALUE_NULL ? null : tree(parser);
                case "usage" -> usage = objectTree(parser, value);
                case "timings" -> timings = objectTree(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new Chunk(error, usage, timings, choice);
    }

    /** {@code choices[0]} when it is an object; the other elements are skipped. */
    private static Chunk.Choice firstChoice(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        Chunk.Choice first = null;
        boolean atFirst = true;
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            if (atFirst && element == JsonToken.START_OBJECT) {
                first = choice(parser);
            } else {
                parser.skipChildren();
            }
            atFirst = false;
        }
        return first;
    }

    private static Chunk.Choice choice(JsonParser parser) throws IOException {
        Chunk.Delta delta = Chunk.Delta.EMPTY;
        String finishReason = null;
        String stopReason = null;
        JsonNode error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "delta" -> delta = value == JsonToken.START_OBJECT ? delta(parser) : skipped(parser, Chunk.Delta.EMPTY);
                case "finish_reason" -> finishReason = text(parser, value);
                case "stop_reason" -> stopReason = text(parser, value);
                case "error" -> error = objectTree(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new Chunk.Choice(delta, finishReason, stopReason, error);
    }

    private static Chunk.Delta delta(JsonParser parser) throws IOException {
        String reasoningContent = null;
        String reasoning = null;
        JsonNode reasoningDetails = null;
        String content = null;
        JsonNode contentParts = null;
        String refusal = null;
        List<Chunk.Fragment> toolCalls = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "content" -> {
                    content = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    contentParts = value == JsonToken.START_ARRAY ? tree(parser) : skipped(parser, null);
                }
                case "reasoning_content" -> reasoningContent = text(parser, value);
                case "reasoning" -> reasoning = text(parser, value);
                case "reasoning_details" -> reasoningDetails = arrayTree(parser, value);
                case "refusal" -> refusal = text(parser, value);
                case "tool_calls" -> toolCalls = value == JsonToken.START_ARRAY ? fragments(parser) : skipped(parser, null);
                default -> parser.skipChildren();
            }
        }
        return new Chunk.Delta(reasoningContent, reasoning, reasoningDetails, content, contentParts, refusal, toolCalls);
    }

    private static List<Chunk.Fragment> fragments(JsonParser parser) throws IOException {
        List<Chunk.Fragment> fragments = new ArrayList<>(1);
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            fragments.add(element == JsonToken.START_OBJECT ? fragment(parser) : skipped(parser, Chunk.Fragment.NONE));
        }
        return fragments;
    }

    private static Chunk.Fragment fragment(JsonParser parser) throws IOException {
        Integer index = null;
        String id = null;
        Function function = Function.NONE;
        String signature = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "index" -> index = intIndex(parser, value);
                case "id" -> id = text(parser, value);
                case "function" -> function = value == JsonToken.START_OBJECT ? function(parser)
                        : skipped(parser, Function.NONE);
                case "extra_content" -> {
                    JsonNode extra = objectTree(parser, value);
                    signature = extra == null ? null : ProviderJson.text(extra.path("google"), "thought_signature");
                }
                default -> parser.skipChildren();
            }
        }
        return new Chunk.Fragment(index, id, function.name(), function.arguments(), function.argumentsObject(), signature);
    }

    /** A fragment's {@code function} object: {@code arguments} is text, or an object (Ollama). */
    private record Function(String name, String arguments, JsonNode argumentsObject) {
        static final Function NONE = new Function(null, null, null);
    }

    private static Function function(JsonParser parser) throws IOException {
        String name = null;
        String arguments = null;
        JsonNode argumentsObject = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = text(parser, value);
                case "arguments" -> {
                    arguments = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    argumentsObject = objectTree(parser, value);
                }
                default -> parser.skipChildren();
            }
        }
        return new Function(name, arguments, argumentsObject);
    }

    /**
     * A number that fits an int, as the tree's {@code canConvertToInt()} and {@code intValue()} read it
     * (a fraction is cut off); null otherwise.
     */
    private static Integer intIndex(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double number = parser.getDoubleValue();
            return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? (int) number : null;
        }
        return skipped(parser, null);
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? parser.getText() : skipped(parser, null);
    }

    private static JsonNode objectTree(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.START_OBJECT ? tree(parser) : skipped(parser, null);
    }

    private static JsonNode arrayTree(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.START_ARRAY ? tree(parser) : skipped(parser, null);
    }

    private static JsonNode tree(JsonParser parser) throws IOException {
        return SUBTREE.readTree(parser);
    }

    /** Skips the current value (a no-op for a scalar) and stands for it with {@code absent}. */
    private static <T> T skipped(JsonParser parser, T absent) throws IOException {
        parser.skipChildren();
        return absent;
    }
}
