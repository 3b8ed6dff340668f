package dev.claudia.router.adapters.provider.responses.mapping;

import dev.claudia.router.adapters.provider.responses.wire.ResponsesRequest.FunctionChoice;
import dev.claudia.router.adapters.provider.responses.wire.ResponsesRequest.Tool;
import dev.claudia.router.domain.message.ToolChoice;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.provider.support.DeferredTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tools and tool choice, Anthropic to Responses. Client tools become function tools with their JSON
 * Schema unchanged and {@code strict: false} (Claude Code's schemas are not strict-mode schemas, and
 * OpenAI makes tools strict when the flag is absent). Anthropic server tools have no equivalent the
 * client could run and are left out with a warning. Without tools, {@code tool_choice} and
 * {@code parallel_tool_calls} are left out too.
 */
public final class ToolsMapper {

    private ToolsMapper() {}

    /**
     * The function tools to send, or null when there are none. A deferred tool ({@code defer_loading},
     * Claude Code's tool search) is offered only once the conversation loaded it with a
     * {@code tool_reference}: before that it is a placeholder, never a callable function.
     *
     * @param loaded the deferred tools the conversation loaded
     */
    public static List<Tool> tools(List<ToolDefinition> tools, Set<String> loaded, Consumer<Warning> warnings) {
        List<Tool> functions = new ArrayList<>(tools.size());
        for (ToolDefinition tool : tools) {
            switch (tool) {
                case ToolDefinition.Function f when !DeferredTools.offered(f, loaded, warnings) -> { }
                case ToolDefinition.Function f ->
                        functions.add(Tool.function(f.name(), f.description(), f.inputSchema().text()));
                case ToolDefinition.Server s -> warnings.accept(new Warning("tools[" + s.name() + "]",
                        "server tool " + s.type() + " has no Responses API equivalent the client could run"));
            }
        }
        return functions.isEmpty() ? null : functions;
    }

    /** {@code tool_choice}: a string or a function choice; null when unset or without tools. */
    public static Object choice(ToolChoice choice, boolean haveTools) {
        if (choice == null || !haveTools) {
            return null;
        }
        return switch (choice) {
            case ToolChoice.Auto a -> "auto";
            case ToolChoice.Any a -> "required";
            case ToolChoice.None n -> "none";
            case ToolChoice.Named n -> FunctionChoice.of(n.name());
        };
    }

    /** {@code parallel_tool_calls: false} when the caller disabled parallel use; otherwise the provider's default. */
    public static Boolean parallel(ToolChoice choice, boolean haveTools) {
        return haveTools && choice != null && choice.disableParallelToolUse() ? Boolean.FALSE : null;
    }
}
