package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.dialect.SchemaRule;
import dev.claudia.router.adapters.provider.openai.dialect.ToolNames;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.FunctionDef;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.NamedToolChoice;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.Tool;
import dev.claudia.router.domain.message.ToolChoice;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.provider.support.DeferredTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tools and tool choice, Anthropic to OpenAI. Client tools become functions, named and with the
 * JSON Schema the dialect accepts ({@link ToolNames}, {@link SchemaRule}); Anthropic server tools (web search, code execution...) have no OpenAI
 * equivalent and are left out with a warning. A deferred tool ({@code defer_loading}) is offered
 * only once the conversation loaded it with a {@code tool_reference} (Claude Code's ToolSearch
 * answers so), as Anthropic does: until then the model must not see it, and Claude Code's
 * {@code DeferredToolPlaceholder}, which nothing ever loads, is never offered as a callable
 * function. Without tools, {@code tool_choice} and
 * {@code parallel_tool_calls} are left out too: OpenAI rejects them alone.
 */
public final class ToolsMapper {

    private ToolsMapper() {}

    /**
     * The functions to send, or null when there are none.
     *
     * @param loaded the deferred tools the conversation loaded ({@code tool_reference} names)
     */
    public static List<Tool> tools(List<ToolDefinition> tools, Set<String> loaded, Consumer<Warning> warnings) {
        return tools(tools, loaded, ToolNames.unchanged(), SchemaRule.KEEP, warnings);
    }

    /** The same, with names and schemas as the dialect wants them. */
    public static List<Tool> tools(List<ToolDefinition> tools, Set<String> loaded, ToolNames names, SchemaRule schemas,
                                   Consumer<Warning> warnings) {
        List<Tool> functions = new ArrayList<>(tools.size());
        for (ToolDefinition tool : tools) {
            switch (tool) {
                case ToolDefinition.Function f when !DeferredTools.offered(f, loaded, warnings) -> { }
                case ToolDefinition.Function f -> functions.add(new Tool("function",
                        new FunctionDef(names.upstream(f.name()), f.description(), schemas.rewrite(f.inputSchema().text()))));
                case ToolDefinition.Server s -> warnings.accept(new Warning("tools[" + s.name() + "]",
                        "server tool " + s.type() + " has no OpenAI equivalent"));
            }
        }
        return functions.isEmpty() ? null : functions;
    }

    /** {@code tool_choice}: a string or a named-function object; null when unset or without tools. */
    public static Object choice(ToolChoice choice, boolean haveTools) {
        return choice(choice, haveTools, ToolNames.unchanged());
    }

    public static Object choice(ToolChoice choice, boolean haveTools, ToolNames names) {
        if (choice == null || !haveTools) {
            return null;
        }
        return switch (choice) {
            case ToolChoice.Auto a -> "auto";
            case ToolChoice.Any a -> "required";
            case ToolChoice.None n -> "none";
            case ToolChoice.Named n -> new NamedToolChoice("function", Map.of("name", names.upstream(n.name())));
        };
    }

    /** {@code parallel_tool_calls: false} when the caller disabled parallel use; otherwise left to the provider. */
    public static Boolean parallel(ToolChoice choice, boolean haveTools) {
        return haveTools && choice != null && choice.disableParallelToolUse() ? Boolean.FALSE : null;
    }
}
