package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Built-in answers, chosen by the request's model name (or an {@code x-fake-scenario} header):
 * {@code text}, {@code echo}, {@code tool}, {@code parallel-tools}, {@code reasoning},
 * {@code usage-cached}, {@code rate-limit-then-ok}, {@code error-400}, {@code error-401},
 * {@code error-500}, {@code error-503}, {@code slow}, {@code context-overflow}. Each answers as JSON,
 * or as canonical OpenAI stream chunks when the request says {@code "stream": true}.
 */
final class Scenarios {

    static final String TEXT = "Hello from fake-openai.";

    private final ObjectMapper json;
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();

    Scenarios(ObjectMapper json) {
        this.json = json;
    }

    /** The entry to play, or null when the name is not a scenario. */
    JsonNode entryFor(String scenario, JsonNode request) {
        if (scenario == null) {
            return null;
        }
        String name = scenario.contains("/") ? scenario.substring(scenario.lastIndexOf('/') + 1) : scenario;
        return switch (name) {
            case "text" -> answer(request, new Answer(TEXT, null, List.of(), "stop", usage(12, 5, 0)));
            case "echo" -> answer(request, new Answer(lastUserText(request), null, List.of(), "stop", usage(12, 5, 0)));
            case "tool" -> answer(request, new Answer(null, null,
                    List.of(new Call("call_weather_1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")),
                    "tool_calls", usage(30, 12, 0)));
            case "parallel-tools" -> answer(request, new Answer(null, null, List.of(
                    new Call("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                    new Call("call_b", "get_time", "{\"zone\":\"Europe/Paris\"}")), "tool_calls", usage(30, 20, 0)));
            case "reasoning" -> answer(request, new Answer("The answer is 4.", "2 plus 2 is 4.", List.of(), "stop",
                    usage(20, 15, 0)));
            case "usage-cached" -> answer(request, new Answer(TEXT, null, List.of(), "stop", usage(100, 5, 80)));
            case "rate-limit-then-ok" -> seen.merge(fingerprint(request), 1, Integer::sum) == 1
                    ? error(429, "rate_limit_exceeded", "Rate limit reached, retry after 1s", "1")
                    : answer(request, new Answer(TEXT, null, List.of(), "stop", usage(12, 5, 0)));
            case "error-400" -> error(400, "invalid_request_error", "Invalid parameter: messages.0.content is bad", null);
            case "error-401" -> error(401, "invalid_api_key", "Incorrect API key provided", null);
            case "error-500" -> error(500, "server_error", "The server had an error while processing your request", null);
            case "error-503" -> error(503, "overloaded", "Model is loading, try again", null);
            case "context-overflow" -> error(400, "context_length_exceeded", "This model's maximum context length is "
                    + "8192 tokens. However, your messages resulted in 9000 tokens.", null);
            case "slow" -> ((ObjectNode) answer(request, new Answer(TEXT, null, List.of(), "stop", usage(12, 5, 0))))
                    .put("delayMs", 2000);
            default -> null;
        };
    }

    /** A whole answer or its stream, as a script entry. */
    JsonNode answer(JsonNode request, Answer answer) {
        String model = request.path("model").asText("fake");
        ObjectNode entry = json.createObjectNode();
        if (!request.path("stream").asBoolean(false)) {
            entry.set("json", completion(answer, model));
            return entry;
        }
        ArrayNode frames = entry.putArray("sse");
        for (ObjectNode chunk : chunks(answer, model, request.path("stream_options").path("include_usage").asBoolean(false))) {
            frames.addObject().put("data", chunk.toString());
        }
        frames.addObject().put("data", "[DONE]");
        return entry;
    }

    private ObjectNode completion(Answer answer, String model) {
        ObjectNode root = header(model, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", answer.content());
        if (answer.reasoning() != null) {
            message.put("reasoning_content", answer.reasoning());
        }
        if (!answer.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Call c : answer.calls()) {
                calls.addObject().put("id", c.id()).put("type", "function")
                        .putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
        choice.put("finish_reason", answer.finish());
        root.set("usage", answer.usage());
        return root;
    }

    /** Canonical OpenAI streaming: role chunk, reasoning and text word by word, tool calls in pieces, finish, usage. */
    private List<ObjectNode> chunks(Answer answer, String model, boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(model, json.createObjectNode().put("role", "assistant").put("content", ""), null));
        if (answer.reasoning() != null) {
            for (String word : words(answer.reasoning())) {
                chunks.add(chunk(model, json.createObjectNode().put("reasoning_content", word), null));
            }
        }
        if (answer.content() != null) {
            for (String word : words(answer.content())) {
                chunks.add(chunk(model, json.createObjectNode().put("content", word), null));
            }
        }
        for (int i = 0; i < answer.calls().size(); i++) {
            Call c = answer.calls().get(i);
            ObjectNode first = json.createObjectNode();
            first.putArray("tool_calls").addObject().put("index", i).put("id", c.id()).put("type", "function")
                    .putObject("function").put("name", c.name()).put("arguments", "");
            chunks.add(chunk(model, first, null));
            String args = c.arguments();
            int third = Math.max(1, args.length() / 3);
            for (int at = 0; at < args.length(); at += third) {
                ObjectNode piece = json.createObjectNode();
                piece.putArray("tool_calls").addObject().put("index", i).putObject("function")
                        .put("arguments", args.substring(at, Math.min(args.length(), at + third)));
                chunks.add(chunk(model, piece, null));
            }
        }
        chunks.add(chunk(model, json.createObjectNode(), answer.finish()));
        if (includeUsage) {
            ObjectNode usage = header(model, "chat.completion.chunk");
            usage.putArray("choices");
            usage.set("usage", answer.usage());
            chunks.add(usage);
        }
        return chunks;
    }

    private ObjectNode chunk(String model, ObjectNode delta, String finish) {
        ObjectNode root = header(model, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        return root;
    }

    private ObjectNode header(String model, String object) {
        return json.createObjectNode().put("id", "chatcmpl-fake").put("object", object).put("created", 1_700_000_000)
                .put("model", model);
    }

    private ObjectNode usage(int prompt, int completion, int cached) {
        ObjectNode usage = json.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        if (cached > 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        }
        return usage;
    }

    private ObjectNode error(int status, String code, String message, String retryAfter) {
        ObjectNode entry = json.createObjectNode().put("status", status);
        if (retryAfter != null) {
            entry.putObject("headers").put("Retry-After", retryAfter);
        }
        entry.putObject("json").putObject("error").put("message", message).put("type", code).put("code", code);
        return entry;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split("(?<= )")) {
            words.add(w);
        }
        return words;
    }

    static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    return content.asText();
                }
                StringBuilder text = new StringBuilder();
                content.forEach(part -> text.append(part.path("text").asText("")));
                return text.toString();
            }
        }
        return "";
    }

    private static String fingerprint(JsonNode request) {
        return request.path("model").asText() + ":" + request.path("messages").toString().hashCode();
    }

    record Answer(String content, String reasoning, List<Call> calls, String finish, ObjectNode usage) {}

    record Call(String id, String name, String arguments) {}
}
