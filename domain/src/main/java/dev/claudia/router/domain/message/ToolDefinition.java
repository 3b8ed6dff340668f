package dev.claudia.router.domain.message;

import java.util.Objects;

/** A tool the model may call. */
public sealed interface ToolDefinition {

    String name();

    /**
     * A client tool: the caller runs it. {@code description} may be null; {@code inputSchema} is a
     * JSON Schema object. {@code deferLoading} (Anthropic {@code defer_loading}) means the model
     * does not see the tool until a tool search loads it: a {@code tool_reference} to it in a tool
     * result ({@link MessageRequest#referencedTools()}).
     */
    record Function(String name, String description, RawJson inputSchema, boolean deferLoading) implements ToolDefinition {
        public Function {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputSchema, "inputSchema");
        }

        public Function(String name, String description, RawJson inputSchema) {
            this(name, description, inputSchema, false);
        }
    }

    /**
     * An Anthropic server tool such as {@code web_search_20250305}: Anthropic runs it, an
     * OpenAI-compatible provider cannot. Kept in the domain so routing can see it (a request that
     * carries a web search tool can go to a provider that searches) and adapters can say what they drop.
     */
    record Server(String type, String name) implements ToolDefinition {
        public Server {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }

        public boolean isWebSearch() {
            return type.startsWith("web_search");
        }
    }
}
