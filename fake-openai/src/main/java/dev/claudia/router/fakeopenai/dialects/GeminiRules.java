package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What Gemini's OpenAI endpoint ({@code /v1beta/openai/chat/completions}) refuses, with its texts:
 * request fields it has no name for, JSON Schema keywords outside its OpenAPI subset, string
 * formats other than {@code enum} and {@code date-time}, objects without properties, function names it does not accept, tool calls of a model turn without a
 * thought signature, signatures it never issued, and tool answers that do not match the calls.
 * Checked in that order; the schema problems of all tools are listed together, as Gemini does.
 * Stricter than Gemini 3 on one point: it checks the signature of every turn, not only the
 * current one, so a conversation it accepts is accepted by the real service too.
 */
final class GeminiRules {

    static final String SKIP = "skip_thought_signature_validator";
    private static final Set<String> FIELDS = Set.of("model", "messages", "tools", "tool_choice", "max_tokens",
            "max_completion_tokens", "temperature", "top_p", "n", "stop", "stream", "stream_options", "response_format",
            "reasoning_effort", "seed", "presence_penalty", "frequency_penalty", "extra_body", "logprobs", "top_logprobs");
    private static final Set<String> SCHEMA = Set.of("type", "format", "title", "description", "nullable", "enum",
            "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength",
            "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}");

    private GeminiRules() {}

    static Refusal check(JsonNode request, Predicate<String> issued) {
        String unknown = Bodies.unknownField(request, FIELDS);
        if (unknown != null) {
            return Bodies.google("Invalid JSON payload received. Unknown name \"" + unknown + "\": Cannot find field.");
        }
        List<String> problems = new ArrayList<>();
        JsonNode tools = request.path("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode parameters = tools.get(i).path("function").path("parameters");
            if (!parameters.isMissingNode()) {
                schema(parameters, "tools[0].function_declarations[" + i + "].parameters", problems);
            }
        }
        if (!problems.isEmpty()) {
            return Bodies.google(String.join("\n", problems));
        }
        for (int i = 0; i < tools.size(); i++) {
            if (!NAME.matcher(tools.get(i).path("function").path("name").asText("")).matches()) {
                return Bodies.google("* GenerateContentRequest.tools[0].function_declarations[" + i + "].name: Invalid "
                        + "function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), "
                        + "underscores (_), dots (.) or dashes (-), with a maximum length of 64.\n");
            }
        }
        return signatures(request, issued);
    }

    private static void schema(JsonNode schema, String at, List<String> problems) {
        if (!schema.isObject()) {
            return;
        }
        for (var names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SCHEMA.contains(name)) {
                problems.add("Invalid JSON payload received. Unknown name \"" + name + "\" at '" + at + "': Cannot find field.");
            }
        }
        String format = schema.path("format").asText("");
        if (schema.path("type").asText().equals("string") && !format.isEmpty() && !format.equals("enum")
                && !format.equals("date-time")) {
            problems.add("* GenerateContentRequest." + at + ".format: only 'enum' and 'date-time' are supported for STRING type");
        }
        if (schema.path("type").asText().equals("object") && schema.path("properties").isEmpty()) {
            problems.add("* GenerateContentRequest." + at + ".properties: should be non-empty for OBJECT type");
        }
        int k = 0;
        for (var p : schema.path("properties").properties()) {
            schema(p.getValue(), at + ".properties[" + k++ + "].value", problems);
        }
        schema(schema.path("items"), at + ".items", problems);
        JsonNode anyOf = schema.path("anyOf");
        for (int i = 0; i < anyOf.size(); i++) {
            schema(anyOf.get(i), at + ".any_of[" + i + "]", problems);
        }
    }

    /** The first call of each model turn carries a signature Gemini gave out (or the documented skip value). */
    private static Refusal signatures(JsonNode request, Predicate<String> issued) {
        JsonNode messages = request.path("messages");
        int position = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (m.path("role").asText().equals("system")) {
                continue;
            }
            position++;
            JsonNode calls = m.path("tool_calls");
            if (calls.isEmpty()) {
                continue;
            }
            JsonNode signature = calls.get(0).path("extra_content").path("google").path("thought_signature");
            if (!signature.isTextual()) {
                return Bodies.google("Function call is missing a thought_signature in functionCall parts. This is "
                        + "required for tools to work correctly, and missing thought_signature may lead to degraded "
                        + "model performance. Additional data, function call `default_api:"
                        + calls.get(0).path("function").path("name").asText() + "` , position " + position
                        + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.");
            }
            for (JsonNode call : calls) {
                JsonNode s = call.path("extra_content").path("google").path("thought_signature");
                if (s.isTextual() && !s.textValue().equals(SKIP) && !issued.test(s.textValue())) {
                    return Bodies.google("Corrupted thought signature.");
                }
            }
            int answers = 0;
            for (int j = i + 1; j < messages.size() && messages.get(j).path("role").asText().equals("tool"); j++) {
                answers++;
            }
            if (answers != calls.size()) {
                return Bodies.google("Please ensure that the number of function response parts is equal to the number "
                        + "of function call parts of the function call turn.");
            }
        }
        return null;
    }
}
