package dev.claudia.router.domain.message;

import java.util.Objects;

/** A tool the model may call. */
public sealed interface ToolDefinition {

    String name();

    /** A client tool: the caller runs it. {@code description} may be null; {@code inputSchema} is a JSON Schema object. */
    record Function(String name, String description, RawJson inputSchema) implements ToolDefinition {
        public Function {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputSchema, "inputSchema");
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
