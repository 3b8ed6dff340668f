package dev.claudia.router.provider.support;

import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.message.Warning;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Claude Code's tool search for upstreams that have none: a tool marked {@code defer_loading} is a
 * placeholder until the conversation loads it with a {@code tool_reference} (the model's
 * {@code ToolSearch} call returned it), so it is offered as a function only from then on; and the
 * {@code tool_reference} itself, which no OpenAI-style API knows, reaches the model as a sentence.
 */
public final class DeferredTools {

    private DeferredTools() {}

    /**
     * Whether to offer {@code tool} upstream now. A deferred tool not loaded yet is not offered, and
     * reported.
     *
     * @param loaded the deferred tools the conversation loaded ({@code MessageRequest.referencedTools()})
     */
    public static boolean offered(ToolDefinition.Function tool, Set<String> loaded, Consumer<Warning> warnings) {
        if (tool.deferLoading() && !loaded.contains(tool.name())) {
            warnings.accept(new Warning("tools[" + tool.name() + "]",
                    "deferred tool (defer_loading) not loaded by a tool_reference yet"));
            return false;
        }
        return true;
    }

    /** What the model reads for a {@code tool_reference}: the tool's definition is now in the tool list. */
    public static String loadedText(String toolName) {
        return "Tool " + toolName + " is loaded: its definition is in the tool list, call it like any other tool.";
    }
}
