package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Built-in answers of the Responses endpoint, chosen like the chat endpoint's (the
 * {@code x-fake-scenario} header, else the model's last {@code /} segment): {@code text}, {@code echo}
 * (the last user text), {@code tool} (one {@code get_weather} call), {@code parallel-tools}
 * ({@code get_weather} and {@code get_time}) and {@code reasoning} (a reasoning item with a summary
 * and encrypted content, then text). Whole as a {@code response} object, or with {@code "stream": true}
 * as OpenAI's semantic events, each with its {@code event:} line, ending with {@code response.completed}.
 */
final class ResponsesScenarios {

    static final List<String> NAMES = List.of("text", "echo", "tool", "parallel-tools", "reasoning");

    /** One output item: a message's text, a function call, or reasoning. */
    private record Item(String type, String text, String name, String arguments) {}

    private final ObjectMapper json;
    private final Entries entries;
    private final AtomicLong ids = new AtomicLong();

    ResponsesScenarios(ObjectMapper json) {
        this.json = json;
        this.entries = new Entries(json);
    }

    /** The normalized entry to play, or null when {@code scenario} names none. */
    JsonNode entryFor(String scenario, JsonNode request) {
        if (scenario == null) {
            return null;
        }
        List<Item> items = switch (scenario.substring(scenario.lastIndexOf('/') + 1)) {
            case "text" -> List.of(new Item("message", Scenarios.TEXT, null, null));
            case "echo" -> List.of(new Item("message", lastUserText(request), null, null));
            case "tool" -> List.of(new Item("function_call", null, "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
            case "parallel-tools" -> List.of(
                    new Item("function_call", null, "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
                    new Item("function_call", null, "get_time", "{\"zone\":\"Europe/Paris\"}"));
            case "reasoning" -> List.of(new Item("reasoning", "2 plus 2 is 4.", null, null),
                    new Item("message", "The answer is 4.", null, null));
            default -> null;
        };
        if (items == null) {
            return null;
        }
        long n = ids.incrementAndGet();
        List<ObjectNode> output = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            output.add(item(items.get(i), n, i));
        }
        ObjectNode response = response(n, request, output);
        ObjectNode entry = json.createObjectNode();
        if (request.path("stream").asBoolean(false)) {
            events(n, request, output, response, entry.putArray("sse"));
        } else {
            entry.set("json", response);
        }
        return entries.normalize(entry);
    }

    private ObjectNode item(Item item, long n, int index) {
        ObjectNode node = json.createObjectNode();
        switch (item.type()) {
            case "message" -> {
                node.put("id", "msg_fake" + n + "_" + index).put("type", "message").put("status", "completed")
                        .put("role", "assistant");
                node.putArray("content").addObject().put("type", "output_text").put("text", item.text()).putArray("annotations");
            }
            case "function_call" -> node.put("id", "fc_fake" + n + "_" + index).put("type", "function_call")
                    .put("status", "completed").put("arguments", item.arguments()).put("call_id", "call_fake" + n + "_" + index)
                    .put("name", item.name());
            default -> {
                node.put("id", "rs_fake" + n + "_" + index).put("type", "reasoning");
                node.putArray("summary").addObject().put("type", "summary_text").put("text", item.text());
                node.put("encrypted_content", "gAAAAfake-encrypted-" + n + "-" + index);
            }
        }
        return node;
    }

    private ObjectNode response(long n, JsonNode request, List<ObjectNode> output) {
        ObjectNode response = json.createObjectNode().put("id", "resp_fake" + n).put("object", "response")
                .put("created_at", 1765552659).put("status", "completed").putNull("error").putNull("incomplete_details")
                .put("model", request.path("model").asText("fake"));
        response.putArray("output").addAll(output);
        ObjectNode usage = response.putObject("usage").put("input_tokens", 20).put("output_tokens", 10).put("total_tokens", 30);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return response;
    }

    /** The semantic events of the answer: created, each item added / its deltas / done, completed. */
    private void events(long n, JsonNode request, List<ObjectNode> output, ObjectNode response, ArrayNode frames) {
        ObjectNode created = response.deepCopy().put("status", "in_progress");
        created.putArray("output");
        created.putNull("usage");
        frame(frames, json.createObjectNode().put("type", "response.created").set("response", created));
        for (int i = 0; i < output.size(); i++) {
            ObjectNode item = output.get(i);
            ObjectNode added = item.deepCopy().put("status", "in_progress");
            added.remove(List.of("summary", "encrypted_content", "content"));
            if (added.has("arguments")) {
                added.put("arguments", "");
            }
            frame(frames, json.createObjectNode().put("type", "response.output_item.added").put("output_index", i).set("item", added));
            String id = item.get("id").asText();
            switch (item.get("type").asText()) {
                case "message" -> {
                    for (String word : item.at("/content/0/text").asText().split("(?<= )")) {
                        frame(frames, json.createObjectNode().put("type", "response.output_text.delta").put("item_id", id)
                                .put("output_index", i).put("content_index", 0).put("delta", word));
                    }
                }
                case "function_call" -> frame(frames, json.createObjectNode().put("type", "response.function_call_arguments.delta")
                        .put("item_id", id).put("output_index", i).put("delta", item.get("arguments").asText()));
                default -> frame(frames, json.createObjectNode().put("type", "response.reasoning_summary_text.delta")
                        .put("item_id", id).put("output_index", i).put("summary_index", 0)
                        .put("delta", item.at("/summary/0/text").asText()));
            }
            frame(frames, json.createObjectNode().put("type", "response.output_item.done").put("output_index", i).set("item", item));
        }
        frame(frames, json.createObjectNode().put("type", "response.completed").set("response", response));
    }

    private static void frame(ArrayNode frames, ObjectNode event) {
        event.put("sequence_number", frames.size());
        frames.addObject().put("event", event.get("type").asText()).put("data", event.toString());
    }

    private static String lastUserText(JsonNode request) {
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            return input.asText();
        }
        String text = "";
        for (JsonNode item : input) {
            if ("user".equals(item.path("role").asText())) {
                JsonNode content = item.path("content");
                text = content.isTextual() ? content.asText() : content.path(content.size() - 1).path("text").asText("");
            }
        }
        return text;
    }
}
