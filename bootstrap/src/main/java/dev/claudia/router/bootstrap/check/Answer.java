package dev.claudia.router.bootstrap.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer as a client receives it (Anthropic's JSON message, or the frames of a stream), reduced
 * to what the checks judge. Reading the wire format rather than the router's domain values lets one
 * reader judge every adapter alike, translated or passed through.
 *
 * @param contentEvents the stream's content deltas (0 for a whole answer)
 * @param error         the message of an {@code error} event in the stream, else null
 */
public record Answer(String text, List<ToolCall> toolCalls, boolean thinking, String stopReason, int inputTokens,
                     int outputTokens, int contentEvents, String error) {

    /** @param input the arguments, or null when they are not a JSON object ({@code raw} says what came) */
    public record ToolCall(String name, JsonNode input, String raw) {}

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public Answer {
        toolCalls = List.copyOf(toolCalls);
    }

    /** A whole answer's body; throws IllegalArgumentException when it is not a message. */
    static Answer ofJson(byte[] body) {
        JsonNode message = parse(new String(body, StandardCharsets.UTF_8));
        if (message == null || !message.path("content").isArray()) {
            throw new IllegalArgumentException("the answer is not a message");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        boolean thinking = false;
        for (JsonNode block : message.get("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> calls.add(toolCall(block.path("name").asText(), block.path("input").toString()));
                case "thinking", "redacted_thinking" -> thinking = true;
                default -> { }
            }
        }
        JsonNode usage = message.path("usage");
        return new Answer(text.toString(), calls, thinking, message.path("stop_reason").asText(null), input(usage),
                usage.path("output_tokens").asInt(0), 0, null);
    }

    /** A stream's frames, each one server-sent event ({@code event:} and {@code data:} lines). */
    static Answer ofFrames(List<byte[]> frames) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        Map<Integer, String> toolNames = new HashMap<>();
        Map<Integer, StringBuilder> toolInputs = new HashMap<>();
        boolean thinking = false;
        String stopReason = null;
        String error = null;
        int startInput = 0;
        int finalInput = 0;
        int output = 0;
        int deltas = 0;
        for (byte[] frame : frames) {
            JsonNode event = parse(data(new String(frame, StandardCharsets.UTF_8)));
            if (event == null) {
                continue;
            }
            int index = event.path("index").asInt(-1);
            switch (event.path("type").asText()) {
                case "message_start" -> startInput = input(event.at("/message/usage"));
                case "content_block_start" -> {
                    String type = event.at("/content_block/type").asText();
                    thinking |= type.equals("thinking") || type.equals("redacted_thinking");
                    if (type.equals("tool_use")) {
                        toolNames.put(index, event.at("/content_block/name").asText());
                        toolInputs.put(index, new StringBuilder());
                    }
                }
                case "content_block_delta" -> {
                    deltas++;
                    JsonNode delta = event.path("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> text.append(delta.path("text").asText());
                        case "input_json_delta" -> toolInputs.computeIfAbsent(index, i -> new StringBuilder())
                                .append(delta.path("partial_json").asText());
                        case "thinking_delta", "signature_delta" -> thinking = true;
                        default -> { }
                    }
                }
                case "content_block_stop" -> {
                    if (toolNames.containsKey(index)) {
                        String raw = toolInputs.get(index).toString();
                        calls.add(toolCall(toolNames.remove(index), raw.isBlank() ? "{}" : raw));
                    }
                }
                case "message_delta" -> {
                    stopReason = event.at("/delta/stop_reason").asText(stopReason);
                    output = Math.max(output, event.at("/usage/output_tokens").asInt(0));
                    finalInput = input(event.path("usage"));
                }
                case "error" -> error = event.at("/error/message").asText(event.toString());
                default -> { }
            }
        }
        // message_start may carry an estimate; the final count, when the stream ends with one, is the provider's
        return new Answer(text.toString(), calls, thinking, stopReason, finalInput > 0 ? finalInput : startInput, output,
                deltas, error);
    }

    private static ToolCall toolCall(String name, String raw) {
        JsonNode input = parse(raw);
        return new ToolCall(name, input != null && input.isObject() ? input : null, raw);
    }

    /** The prompt's tokens, cached ones included. */
    private static int input(JsonNode usage) {
        return usage.path("input_tokens").asInt(0) + usage.path("cache_read_input_tokens").asInt(0)
                + usage.path("cache_creation_input_tokens").asInt(0);
    }

    /** The JSON of a frame: its data lines joined, as an SSE client joins them. */
    private static String data(String frame) {
        StringBuilder data = new StringBuilder();
        for (String line : frame.split("\r\n|\r|\n")) {
            if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        return data.toString();
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }
}
