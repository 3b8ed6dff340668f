package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Built-in answers, chosen by the {@code x-fake-scenario} header or else by the request's model name
 * (its last {@code /} segment, so {@code fake/tool} works too). Each answers as one JSON completion, or,
 * when the request says {@code "stream": true}, as canonical OpenAI {@code chat.completion.chunk} frames:
 * a role chunk, content (or reasoning, or tool-call pieces), a finish chunk, a usage chunk with
 * {@code "choices": []} when {@code stream_options.include_usage} is true (the other chunks then carry
 * {@code "usage": null}, like OpenAI's), then {@code [DONE]}. Errors answer in OpenAI's error shape,
 * streamed or not, as OpenAI does.
 */
final class Scenarios {

    static final String TEXT = "Hello from fake-openai.";
    static final List<String> NAMES = List.of("text", "echo", "tool", "parallel-tools", "reasoning", "usage-cached",
            "rate-limit-then-ok", "error-400", "error-401", "error-500", "error-503", "slow", "context-overflow");
    static final String CONTEXT_OVERFLOW = "This model's maximum context length is 8192 tokens. "
            + "However, your messages resulted in 9000 tokens.";

    private final ObjectMapper json;
    private final Entries entries;
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Scenarios(ObjectMapper json) {
        this.json = json;
        this.entries = new Entries(json);
    }

    /** The normalized entry to play, or null when {@code scenario} names none. */
    JsonNode entryFor(String scenario, JsonNode request) {
        if (scenario == null) {
            return null;
        }
        String name = scenario.substring(scenario.lastIndexOf('/') + 1);
        ObjectNode entry = switch (name) {
            case "text" -> answer(request, new Answer(TEXT, null, List.of(), "stop", usage(12, 5, 0)));
            case "echo" -> answer(request, new Answer(lastUserText(request), null, List.of(), "stop", usage(12, 5, 0)));
            case "tool" -> answer(request, new Answer(null, null,
                    List.of(new Call("call_weather_1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")),
                    "tool_calls", usage(30, 12, 0)));
            case "parallel-tools" -> answer(request, new Answer(null, null, List.of(
                    new Call("call_weather_1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
                    new Call("call_time_2", "get_time", "{\"zone\":\"Europe/Paris\"}")), "tool_calls", usage(30, 20, 0)));
            case "reasoning" -> answer(request, new Answer("The answer is 4.", "2 plus 2 is 4.", List.of(), "stop",
                    usage(20, 15, 0)));
            case "usage-cached" -> answer(request, new Answer(TEXT, null, List.of(), "stop", usage(100, 5, 80)));
            case "rate-limit-then-ok" -> seen.merge(fingerprint(request), 1, Integer::sum) == 1
                    ? error(429, "rate_limit_exceeded", "Rate limit reached for requests. Please try again in 1s.", "1")
                    : answer(request, new Answer(TEXT, null, List.of(), "stop", usage(12, 5, 0)));
            case "error-400" -> error(400, "invalid_request_error",
                    "Invalid parameter: messages[0].content is bad (fake-openai scenario error-400)", null);
            case "error-401" -> error(401, "invalid_api_key", "Incorrect API key provided: sk-fake***. "
                    + "(fake-openai scenario error-401)", null);
            case "error-500" -> error(500, "server_error", "The server had an error while processing your request. "
                    + "(fake-openai scenario error-500)", null);
            case "error-503" -> error(503, "service_unavailable", "The engine is currently overloaded, please try again later. "
                    + "(fake-openai scenario error-503)", null);
            case "context-overflow" -> error(400, "context_length_exceeded", CONTEXT_OVERFLOW, null);
            case "slow" -> answer(request, new Answer(TEXT, null, List.of(), "stop", usage(12, 5, 0))).put("delayMs", 2000);
            default -> null;
        };
        return entry == null ? null : entries.normalize(entry);
    }

    /** Forgets which conversations {@code rate-limit-then-ok} has already refused. */
    void forget() {
        seen.clear();
    }

    private ObjectNode answer(JsonNode request, Answer answer) {
        String model = request.path("model").asText("fake");
        String id = "chatcmpl-fake-" + ids.incrementAndGet();
        ObjectNode entry = json.createObjectNode();
        if (!request.path("stream").asBoolean(false)) {
            entry.set("json", completion(id, answer, model));
            return entry;
        }
        boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        ArrayNode frames = entry.putArray("sse");
        for (ObjectNode chunk : chunks(id, answer, model, includeUsage)) {
            frames.addObject().put("data", chunk.toString());
        }
        frames.addObject().put("data", "[DONE]");
        return entry;
    }

    private ObjectNode completion(String id, Answer answer, String model) {
        ObjectNode root = header(id, model, "chat.completion");
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

    /** Role chunk, reasoning then text word by word, each tool call as a head and argument pieces, finish, usage. */
    private List<ObjectNode> chunks(String id, Answer answer, String model, boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(id, model, json.createObjectNode().put("role", "assistant").put("content", ""), null, includeUsage));
        if (answer.reasoning() != null) {
            for (String word : words(answer.reasoning())) {
                chunks.add(chunk(id, model, json.createObjectNode().put("reasoning_content", word), null, includeUsage));
            }
        }
        if (answer.content() != null) {
            for (String word : words(answer.content())) {
                chunks.add(chunk(id, model, json.createObjectNode().put("content", word), null, includeUsage));
            }
        }
        for (int i = 0; i < answer.calls().size(); i++) {
            Call c = answer.calls().get(i);
            ObjectNode head = json.createObjectNode();
            head.putArray("tool_calls").addObject().put("index", i).put("id", c.id()).put("type", "function")
                    .putObject("function").put("name", c.name()).put("arguments", "");
            chunks.add(chunk(id, model, head, null, includeUsage));
            String args = c.arguments();
            int third = Math.max(1, (args.length() + 2) / 3);
            for (int at = 0; at < args.length(); at += third) {
                ObjectNode piece = json.createObjectNode();
                piece.putArray("tool_calls").addObject().put("index", i).putObject("function")
                        .put("arguments", args.substring(at, Math.min(args.length(), at + third)));
                chunks.add(chunk(id, model, piece, null, includeUsage));
            }
        }
        chunks.add(chunk(id, model, json.createObjectNode(), answer.finish(), includeUsage));
        if (includeUsage) {
            ObjectNode usage = header(id, model, "chat.completion.chunk");
            usage.putArray("choices");
            usage.set("usage", answer.usage());
            chunks.add(usage);
        }
        return chunks;
    }

    private ObjectNode chunk(String id, String model, ObjectNode delta, String finish, boolean includeUsage) {
        ObjectNode root = header(id, model, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        if (includeUsage) {
            root.putNull("usage");
        }
        return root;
    }

    private ObjectNode header(String id, String model, String object) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", 1_700_000_000).put("model", model);
    }

    private ObjectNode usage(int prompt, int completion, int cached) {
        ObjectNode usage = json.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        if (cached > 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        }
        return usage;
    }

    private ObjectNode error(int status, String type, String message, String retryAfter) {
        ObjectNode entry = json.createObjectNode().put("status", status);
        if (retryAfter != null) {
            entry.putObject("headers").put("Retry-After", retryAfter);
        }
        entry.putObject("json").putObject("error").put("message", message).put("type", type).putNull("param")
                .put("code", type);
        return entry;
    }

    private static List<String> words(String text) {
        return List.of(text.split("(?<= )"));
    }

    /** The text of the last user message (string content, or its text parts joined). */
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

    /** The conversation: a SHA-256 of the model and the messages array. */
    static String fingerprint(JsonNode request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((request.path("model").asText() + "\n"
                    + request.path("messages")).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Answer(String content, String reasoning, List<Call> calls, String finish, ObjectNode usage) {}

    record Call(String id, String name, String arguments) {}
}
