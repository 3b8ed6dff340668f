package dev.claudia.router.adapters.provider.responses.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.claudia.router.adapters.provider.responses.mapping.ResponsesJson;

import java.io.IOException;
import java.util.Set;

/**
 * The fields of a delta event ({@code response.output_text.delta} and its kin, nearly every event of
 * a stream), read in one pass of Jackson's streaming parser instead of a JSON tree per event. Any
 * other event is left to the tree: {@link #read} says {@link #OTHER} as soon as a {@code type} shows
 * it is one. Fields are read as the tree read them: the last of a repeated field counts, a field of
 * another type counts as absent, unknown fields are skipped (still checked for syntax).
 *
 * @param type         the {@code type} when it is text, or null (the SSE event name stands in)
 * @param itemId       {@code item_id}, text or null
 * @param delta        {@code delta}, text or null
 * @param summaryIndex {@code summary_index}, non-negative, 0 when absent or not a number
 * @param contentIndex {@code content_index}, the same
 */
record DeltaEvent(String type, String itemId, String delta, int summaryIndex, int contentIndex) {

    /** The event types read here; the translator takes every other one from the tree. */
    static final Set<String> TYPES = Set.of("response.output_text.delta", "response.refusal.delta",
            "response.reasoning_summary_text.delta", "response.reasoning_text.delta",
            "response.function_call_arguments.delta");

    /** Stands for an event of another type: read it as a tree. */
    static final DeltaEvent OTHER = new DeltaEvent(null, null, null, 0, 0);

    /**
     * @return the event's fields; {@link #OTHER} when its {@code type} is not a delta's; null when
     *         {@code data} is not one JSON object
     * @throws IOException when {@code data} is not JSON, or beyond the parser's limits
     */
    static DeltaEvent read(String data) throws IOException {
        try (JsonParser parser = ResponsesJson.MAPPER.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            String itemId = null;
            String delta = null;
            int summaryIndex = 0;
            int contentIndex = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> {
                        type = text(parser, value);
                        if (type != null && !TYPES.contains(type)) {
                            return OTHER;
                        }
                    }
                    case "item_id" -> itemId = text(parser, value);
                    case "delta" -> delta = text(parser, value);
                    case "summary_index" -> summaryIndex = index(parser, value);
                    case "content_index" -> contentIndex = index(parser, value);
                    default -> parser.skipChildren();
                }
            }
            return parser.nextToken() == null ? new DeltaEvent(type, itemId, delta, summaryIndex, contentIndex) : null;
        }
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    /** As {@code ResponsesJson.integer}: the number's {@code intValue()} (the tree's), at least 0; 0 for anything else. */
    private static int index(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            return Math.max(0, parser.getNumberValue().intValue());
        }
        parser.skipChildren();
        return 0;
    }
}
