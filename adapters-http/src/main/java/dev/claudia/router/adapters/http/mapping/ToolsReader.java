package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.ToolChoice;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.message.Warning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Reads {@code tools} and {@code tool_choice}. */
final class ToolsReader {

    private static final Set<String> FUNCTION_FIELDS = Set.of("type", "name", "description", "input_schema",
            "cache_control", "defer_loading");

    private final Consumer<Warning> warnings;

    ToolsReader(Consumer<Warning> warnings) {
        this.warnings = warnings;
    }

    List<ToolDefinition> tools(JsonInput tools) {
        List<ToolDefinition> read = new ArrayList<>();
        for (JsonInput tool : tools.optArray()) {
            read.add(tool(tool.object()));
        }
        return read;
    }

    private ToolDefinition tool(JsonInput tool) {
        String type = tool.field("type").optString();
        String name = tool.field("name").string();
        if (type != null && !type.equals("custom")) {
            return new ToolDefinition.Server(type, name);
        }
        JsonInput schema = tool.field("input_schema");
        if (!schema.isObject()) {
            throw schema.error("input_schema must be a JSON Schema object");
        }
        if (tool.field("cache_control").present()) {
            warnings.accept(new Warning("cache_control", "providers manage prompt caching themselves"));
        }
        tool.forEachOtherField(FUNCTION_FIELDS, (field, value) -> {
            if (value.present()) {
                warnings.accept(new Warning("tools." + field, "no OpenAI-compatible equivalent"));
            }
        });
        return new ToolDefinition.Function(name, tool.field("description").optString(),
                new RawJson(schema.node().toString()), tool.field("defer_loading").bool(false));
    }

    /** Null when the caller did not say. */
    ToolChoice toolChoice(JsonInput choice) {
        if (!choice.present()) {
            return null;
        }
        choice.object();
        boolean noParallel = choice.field("disable_parallel_tool_use").bool(false);
        String type = choice.field("type").string();
        return switch (type) {
            case "auto" -> new ToolChoice.Auto(noParallel);
            case "any" -> new ToolChoice.Any(noParallel);
            case "tool" -> new ToolChoice.Named(choice.field("name").string(), noParallel);
            case "none" -> new ToolChoice.None();
            default -> throw choice.field("type").error("tool_choice type must be auto, any, tool or none; got '"
                    + type + "'");
        };
    }
}
