package dev.claudia.router.systemtests.dialects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.fake.Script;

import java.util.ArrayList;
import java.util.List;

/**
 * How each provider answers, for the fake to play: where it puts reasoning ({@code reasoning_content},
 * {@code reasoning}, Mistral's thinking parts, Gemini's none), how it streams a tool call (canonical
 * pieces, or whole in one chunk without an index), the ids it mints (Mistral's 9 characters, vLLM's
 * 46, Kimi's {@code functions.Bash:0} on NIM), Gemini's thought signature, and the finish reason it
 * gives with tool calls.
 */
final class ProviderStyles {

    static final ObjectMapper JSON = new ObjectMapper();

    private ProviderStyles() {}

    /** The id a provider gives the first tool call it makes. */
    static String callId(String dialect) {
        return switch (dialect) {
            case "mistral" -> "T00lCa11x";
            case "vllm" -> "chatcmpl-tool-0123456789abcdef0123456789abcdef";
            case "nvidia-nim" -> "functions.Bash:0";
            case "gemini" -> "fc8hq2kd";
            default -> "call_" + dialect.replace("-", "") + "1";
        };
    }

    /** The thought signature the fake's Gemini hands out with a call (base64, as Gemini's are). */
    static String signature(String dialect) {
        return "CiQBjz1rX+/8ZqSig" + dialect.length() + "==";
    }

    /** A whole text answer. */
    static Script text(String text) {
        ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        completion.putObject("usage").put("prompt_tokens", 50).put("completion_tokens", 5);
        return Script.json(completion);
    }

    /** A streamed text answer. */
    static Script streamedText(String text) {
        return Script.sse(chunk(delta().put("content", text), null), chunk(delta(), "stop"), usage(), "[DONE]");
    }

    /** A streamed answer: optional reasoning, then one tool call, in the provider's style. */
    static Script toolCall(String dialect, String reasoning, String name, String arguments) {
        List<String> frames = new ArrayList<>();
        frames.add(chunk(delta().put("role", "assistant").put("content", ""), null));
        if (reasoning != null) {
            frames.add(chunk(reasoning(dialect, reasoning), null));
        }
        ObjectNode call = JSON.createObjectNode().put("id", callId(dialect)).put("type", "function");
        boolean whole = dialect.equals("gemini") || dialect.equals("ollama") || dialect.equals("groq");
        if (whole) {
            if (!dialect.equals("gemini") && !dialect.equals("ollama")) {
                call.put("index", 0);
            }
            call.putObject("function").put("name", name).put("arguments", arguments);
            if (dialect.equals("gemini")) {
                call.putObject("extra_content").putObject("google").put("thought_signature", signature(dialect));
            }
            frames.add(chunk(calls(call), null));
        } else {
            call.put("index", 0).putObject("function").put("name", name).put("arguments", "");
            frames.add(chunk(calls(call), null));
            int cut = arguments.length() / 2;
            frames.add(chunk(calls(JSON.createObjectNode().put("index", 0).set("function",
                    JSON.createObjectNode().put("arguments", arguments.substring(0, cut)))), null));
            frames.add(chunk(calls(JSON.createObjectNode().put("index", 0).set("function",
                    JSON.createObjectNode().put("arguments", arguments.substring(cut)))), null));
        }
        // Gemini and Ollama say "stop" when they made tool calls.
        frames.add(chunk(delta(), dialect.equals("gemini") || dialect.equals("ollama") ? "stop" : "tool_calls"));
        frames.add(usage());
        frames.add("[DONE]");
        return Script.sse(frames.toArray(String[]::new));
    }

    private static ObjectNode reasoning(String dialect, String text) {
        return switch (dialect) {
            case "openrouter", "ollama", "groq", "vllm" -> delta().put("reasoning", text);
            case "mistral" -> {
                ObjectNode d = delta();
                d.putArray("content").addObject().put("type", "thinking").putArray("thinking").addObject()
                        .put("type", "text").put("text", text);
                yield d;
            }
            default -> delta().put("reasoning_content", text);
        };
    }

    private static ObjectNode delta() {
        return JSON.createObjectNode();
    }

    private static ObjectNode calls(ObjectNode call) {
        ObjectNode d = delta();
        d.putArray("tool_calls").add(call);
        return d;
    }

    static String chunk(ObjectNode delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode().put("object", "chat.completion.chunk");
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return chunk.toString();
    }

    private static String usage() {
        return "{\"choices\":[],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30}}";
    }
}
