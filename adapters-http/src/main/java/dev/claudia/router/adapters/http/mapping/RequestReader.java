package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an Anthropic Messages request (https://docs.anthropic.com/en/api/messages) into a domain {@link MessageRequest},
 * validating as it goes: a wrong type or a missing field is a 400 naming the field.
 *
 * <p>Fields that only Anthropic can honour ({@code context_management}, {@code container},
 * {@code mcp_servers}...) and fields this router does not know are never forwarded: they are
 * reported as warnings, which the request log lists, so nothing disappears unnoticed.
 */
public final class RequestReader {

    private static final Set<String> KNOWN = Set.of("model", "max_tokens", "messages", "system", "tools",
            "tool_choice", "metadata", "stop_sequences", "stream", "temperature", "top_p", "top_k", "thinking",
            "output_config");

    private static final Set<String> OUTPUT_CONFIG = Set.of("effort", "format");

    /** Fields Anthropic defines that have no provider equivalent, with the reason given in the log. */
    private static final Map<String, String> ANTHROPIC_ONLY = Map.of(
            "context_management", "context editing is done by Anthropic's servers",
            "container", "code-execution containers exist only on Anthropic",
            "mcp_servers", "the MCP connector runs on Anthropic's servers",
            "service_tier", "no provider equivalent",
            "speed", "no provider equivalent",
            "inference_geo", "no provider equivalent",
            "diagnostics", "no provider equivalent",
            "cache_control", "providers manage prompt caching themselves");

    private RequestReader() {}

    /**
     * @param countTokensOnly true for {@code count_tokens}, where {@code max_tokens} is not required
     *                        and an empty conversation is allowed
     */
    public static MessageRequest read(JsonInput body, Set<String> betas, boolean countTokensOnly,
                                      Consumer<Warning> warnings) {
        body.object();
        ContentReader content = new ContentReader(warnings);
        ToolsReader tools = new ToolsReader(warnings);
        body.forEachOtherField(KNOWN, (name, value) -> warnings.accept(
                new Warning(name, ANTHROPIC_ONLY.getOrDefault(name, "unknown field, not forwarded"))));

        String model = body.field("model").string();
        int maxTokens = countTokensOnly && !body.field("max_tokens").present() ? 0 : body.field("max_tokens").integer();
        if (maxTokens < 0) {
            throw body.field("max_tokens").error("must be at least 0");
        }
        List<Message> messages = messages(body.field("messages"), content, countTokensOnly);
        JsonInput system = body.field("system");
        List<ContentBlock.Text> systemBlocks = system.present() ? content.textOnly(system) : List.of();
        JsonInput outputConfig = body.field("output_config");
        if (outputConfig.present()) {
            outputConfig.object().forEachOtherField(OUTPUT_CONFIG, (name, value) ->
                    warnings.accept(new Warning("output_config." + name, "no provider equivalent")));
        }
        return new MessageRequest(
                model,
                systemBlocks,
                messages,
                tools.tools(body.field("tools")),
                tools.toolChoice(body.field("tool_choice")),
                maxTokens,
                new Sampling(body.field("temperature").optNumber(), body.field("top_p").optNumber(),
                        body.field("top_k").optInteger()),
                stopSequences(body.field("stop_sequences")),
                userId(body.field("metadata")),
                thinking(body.field("thinking")),
                effort(outputConfig.field("effort")),
                outputSchema(outputConfig.field("format")),
                body.field("stream").bool(false),
                betas);
    }

    private static List<Message> messages(JsonInput messages, ContentReader content, boolean emptyAllowed) {
        List<JsonInput> items = messages.array();
        if (items.isEmpty() && !emptyAllowed) {
            throw messages.error("at least one message is required");
        }
        List<Message> read = new ArrayList<>(items.size());
        for (JsonInput message : items) {
            message.object();
            Role role = role(message.field("role"));
            JsonInput body = message.field("content");
            List<ContentBlock> blocks = role == Role.SYSTEM
                    ? List.copyOf(content.textOnly(body))
                    : content.content(body, role);
            read.add(new Message(role, blocks));
        }
        return read;
    }

    private static Role role(JsonInput role) {
        return switch (role.string()) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system" -> Role.SYSTEM;
            default -> throw role.error("role must be user, assistant or system; got '" + role.string() + "'");
        };
    }

    private static List<String> stopSequences(JsonInput stops) {
        List<String> read = new ArrayList<>();
        for (JsonInput stop : stops.optArray()) {
            read.add(stop.string());
        }
        return read;
    }

    private static String userId(JsonInput metadata) {
        return metadata.present() ? metadata.object().field("user_id").optString() : null;
    }

    private static ThinkingConfig thinking(JsonInput thinking) {
        if (!thinking.present()) {
            return ThinkingConfig.UNSPECIFIED;
        }
        String type = thinking.object().field("type").string();
        return switch (type) {
            case "enabled" -> {
                int budget = thinking.field("budget_tokens").integer();
                if (budget < 0) {
                    throw thinking.field("budget_tokens").error("must not be negative");
                }
                yield new ThinkingConfig.Enabled(budget);
            }
            case "disabled" -> new ThinkingConfig.Disabled();
            // "between_tools" is adaptive thinking restricted to tool boundaries; providers know no such thing.
            case "adaptive", "between_tools" -> new ThinkingConfig.Adaptive();
            default -> throw thinking.field("type").error("thinking type must be enabled, disabled or adaptive; got '"
                    + type + "'");
        };
    }

    private static Effort effort(JsonInput effort) {
        String value = effort.optString();
        if (value == null) {
            return null;
        }
        return Effort.fromWire(value).orElseThrow(() ->
                effort.error("effort must be low, medium, high, xhigh or max; got '" + value + "'"));
    }

    private static RawJson outputSchema(JsonInput format) {
        if (!format.present()) {
            return null;
        }
        String type = format.object().field("type").string();
        if (!type.equals("json_schema")) {
            throw format.field("type").error("output format type must be json_schema; got '" + type + "'");
        }
        JsonInput schema = format.field("schema");
        if (!schema.isObject()) {
            throw schema.error("schema must be a JSON Schema object");
        }
        return new RawJson(schema.node().toString());
    }
}
