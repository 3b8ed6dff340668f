package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.claudia.router.fakeopenai.ResponsesRefusal.invalidType;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.known;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.missing;
import static dev.claudia.router.fakeopenai.ResponsesRefusal.value;
import static dev.claudia.router.fakeopenai.ResponsesRules.typeName;

/**
 * Checks a {@code POST /responses} body the way OpenAI does, with its texts ({@code {"error":
 * {"message","type":"invalid_request_error","param","code"}}}): unknown parameters at any depth the
 * router writes, missing required ones, wrong types and values, {@code max_output_tokens} under 16,
 * function names over 64 characters or outside {@code [a-zA-Z0-9_-]}, assistant content that is not
 * {@code output_text}, function calls without outputs and outputs without calls, a reasoning item
 * without the output item that must follow it, a reasoning item sent back by id when nothing is
 * stored ({@code store} false), and encrypted reasoning the fake never issued. A test then fails when
 * the adapter breaks one of these rules, as it would against OpenAI.
 */
final class ResponsesValidation {

    private final Set<String> issued;

    /** @param issued the encrypted reasoning this fake has handed out (only those decrypt) */
    ResponsesValidation(Set<String> issued) {
        this.issued = issued;
    }

    /** Returns when OpenAI would take the request; throws what it would answer otherwise. */
    void check(JsonNode request) {
        if (!request.isObject()) {
            throw new ResponsesRefusal(400, "We could not parse the JSON body of your request. (HINT: This likely means "
                    + "you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent "
                    + "was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our "
                    + "help center at help.openai.com.)", null, null);
        }
        known(request, ResponsesRules.TOP_LEVEL, "");
        if (!request.path("model").isTextual()) {
            throw missing("model");
        }
        if (!request.has("input") && !request.has("prompt") && !request.has("previous_response_id")
                && !request.has("conversation")) {
            throw missing("input");
        }
        if (request.get("max_output_tokens") instanceof JsonNode max && !max.isNull()) {
            if (!max.isIntegralNumber()) {
                throw invalidType("max_output_tokens", "an integer", max);
            }
            if (max.asLong() < ResponsesRules.MIN_OUTPUT_TOKENS) {
                throw new ResponsesRefusal(400, "Invalid 'max_output_tokens': integer below minimum value. Expected a "
                        + "value >= " + ResponsesRules.MIN_OUTPUT_TOKENS + ", but got " + max.asLong() + " instead.",
                        "max_output_tokens", "integer_below_min_value");
            }
        }
        Set<String> tools = tools(request.path("tools"));
        toolChoice(request.get("tool_choice"), tools);
        reasoning(request.get("reasoning"));
        if (request.get("include") instanceof JsonNode include && include.isArray()) {
            for (int i = 0; i < include.size(); i++) {
                value(include.get(i), "include[" + i + "]", ResponsesRules.INCLUDABLE);
            }
        }
        if (request.get("service_tier") instanceof JsonNode tier && !tier.isNull()) {
            value(tier, "service_tier", ResponsesRules.SERVICE_TIERS);
        }
        format(request.path("text").path("format"));
        if (request.get("input") instanceof JsonNode input && !input.isTextual()) {
            if (!input.isArray()) {
                throw new ResponsesRefusal(400, "Invalid type for 'input': expected one of a string or array of input items, but got "
                        + typeName(input) + " instead.", "input", "invalid_type");
            }
            new ResponsesInput(input, request.path("store").asBoolean(false), issued).check();
        }
    }

    private Set<String> tools(JsonNode tools) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            if (!"function".equals(tool.path("type").asText())) {
                continue; // built-in tools: not what the router sends
            }
            known(tool, ResponsesRules.FUNCTION_TOOL, at);
            String name = tool.path("name").asText(null);
            if (name == null) {
                throw missing(at + ".name");
            }
            if (name.length() > ResponsesRules.MAX_NAME) {
                throw new ResponsesRefusal(400, "Invalid '" + at + ".name': string too long. Expected a string with maximum length "
                        + ResponsesRules.MAX_NAME + ", but got a string with length " + name.length() + " instead.",
                        at + ".name", "string_above_max_length");
            }
            if (!name.matches(ResponsesRules.NAME_PATTERN)) {
                throw new ResponsesRefusal(400, "Invalid '" + at + ".name': string does not match pattern. Expected a string that "
                        + "matches the pattern '" + ResponsesRules.NAME_PATTERN + "'.", at + ".name", "invalid_value");
            }
            names.add(name);
        }
        return names;
    }

    private static void toolChoice(JsonNode choice, Set<String> tools) {
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual()) {
            value(choice, "tool_choice", List.of("none", "auto", "required"));
        } else if ("function".equals(choice.path("type").asText()) && !tools.contains(choice.path("name").asText())) {
            throw new ResponsesRefusal(400, "Tool choice 'function' not found in 'tools' parameter.", "tool_choice", null);
        }
    }

    private static void reasoning(JsonNode reasoning) {
        if (reasoning == null || reasoning.isNull()) {
            return;
        }
        known(reasoning, Set.of("effort", "summary", "generate_summary", "context", "mode"), "reasoning");
        if (reasoning.get("effort") instanceof JsonNode effort && !effort.isNull()) {
            value(effort, "reasoning.effort", ResponsesRules.EFFORTS);
        }
        if (reasoning.get("summary") instanceof JsonNode summary && !summary.isNull()) {
            value(summary, "reasoning.summary", ResponsesRules.SUMMARIES);
        }
    }

    private static void format(JsonNode format) {
        if ("json_schema".equals(format.path("type").asText())) {
            known(format, Set.of("type", "name", "schema", "strict", "description"), "text.format");
            if (!format.path("name").isTextual()) {
                throw missing("text.format.name");
            }
            if (!format.path("schema").isObject()) {
                throw missing("text.format.schema");
            }
        }
    }
}
