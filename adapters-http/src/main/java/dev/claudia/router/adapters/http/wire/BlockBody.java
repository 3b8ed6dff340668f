package dev.claudia.router.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** Response content blocks; each record carries its Anthropic {@code type} tag. */
public sealed interface BlockBody {

    /**
     * {@code citations} only when there are some: Anthropic leaves the field out of answers
     * without citations, and strict clients (the AI SDK's Anthropic provider 3.x) reject a null.
     */
    record Text(String type, String text, @JsonInclude(JsonInclude.Include.NON_NULL) Object citations) implements BlockBody {
        public static Text of(String text) {
            return new Text("text", text, null);
        }
    }

    record Thinking(String type, String thinking, String signature) implements BlockBody {
        public static Thinking of(String thinking, String signature) {
            return new Thinking("thinking", thinking, signature);
        }
    }

    record RedactedThinking(String type, String data) implements BlockBody {
        public static RedactedThinking of(String data) {
            return new RedactedThinking("redacted_thinking", data);
        }
    }

    /**
     * {@code input} is already JSON text and is written as is. {@code caller} says who called the
     * tool; the SDKs type it as required, and a provider's calls always come from the model.
     */
    record ToolUse(String type, String id, String name, @JsonRawValue String input, Caller caller) implements BlockBody {
        public static ToolUse of(String id, String name, String inputJson) {
            return new ToolUse("tool_use", id, name, inputJson, Caller.DIRECT);
        }
    }

    record Caller(String type) {
        public static final Caller DIRECT = new Caller("direct");
    }
}
