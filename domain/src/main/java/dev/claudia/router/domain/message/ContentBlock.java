package dev.claudia.router.domain.message;

import java.util.List;
import java.util.Objects;

/**
 * A piece of a message. Requests and responses share these types; which ones may appear where is
 * checked by the inbound adapter (for example, a {@link ToolResult} only in a user turn).
 */
public sealed interface ContentBlock {

    /** Plain text. */
    record Text(String text) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image, inline (base64) or by URL. */
    record Image(ImageSource source) implements ContentBlock {
        public Image {
            Objects.requireNonNull(source, "source");
        }
    }

    /** A document attached by the user; {@code title} and {@code context} may be null. */
    record Document(DocumentSource source, String title, String context) implements ContentBlock {
        public Document {
            Objects.requireNonNull(source, "source");
        }
    }

    /** A tool call made by the assistant. {@code input} is a JSON object. */
    record ToolUse(String id, String name, RawJson input) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }
    }

    /**
     * The outcome of a tool call, sent by the user. {@code content} holds text, images and
     * documents; {@code isError} marks a failed call (the provider side has no such field, so
     * adapters must carry it in the content rather than lose it).
     */
    record ToolResult(String toolUseId, List<ContentBlock> content, boolean isError) implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            content = List.copyOf(content);
        }
    }

    /**
     * Inside a tool result only: the named tool's definition is now loaded (Claude Code's ToolSearch
     * answers with these; Anthropic's API then expands a {@code defer_loading} tool of that name).
     */
    record ToolReference(String toolName) implements ContentBlock {
        public ToolReference {
            Objects.requireNonNull(toolName, "toolName");
        }
    }

    /** Model reasoning. {@code signature} is opaque and never empty in responses. */
    record Thinking(String thinking, String signature) implements ContentBlock {
        public Thinking {
            Objects.requireNonNull(thinking, "thinking");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** Reasoning the provider returned encrypted; {@code data} is opaque. */
    record RedactedThinking(String data) implements ContentBlock {
        public RedactedThinking {
            Objects.requireNonNull(data, "data");
        }
    }
}
