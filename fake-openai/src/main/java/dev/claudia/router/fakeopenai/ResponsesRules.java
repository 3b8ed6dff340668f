package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What OpenAI's {@code POST /responses} accepts, as data for {@link ResponsesValidation}: the
 * parameters it knows (anything else is "Unknown parameter"), the keys of each input item and
 * content part the router's adapter may send, and the values of the enumerations it checks.
 */
final class ResponsesRules {

    static final Set<String> TOP_LEVEL = Set.of("background", "context_management", "conversation", "include", "input",
            "instructions", "max_output_tokens", "max_tool_calls", "metadata", "model", "moderation", "parallel_tool_calls",
            "previous_response_id", "prompt", "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention",
            "reasoning", "safety_identifier", "service_tier", "store", "stream", "stream_options", "temperature", "text",
            "tool_choice", "tools", "top_logprobs", "top_p", "truncation", "user");

    /** Input item type to the keys it may carry. */
    static final Map<String, Set<String>> ITEMS = Map.of(
            "message", Set.of("type", "role", "content", "id", "status", "phase"),
            "function_call", Set.of("type", "call_id", "name", "arguments", "id", "status", "namespace", "caller"),
            "function_call_output", Set.of("type", "call_id", "output", "id", "status", "caller", "name", "namespace"),
            "reasoning", Set.of("type", "id", "summary", "content", "encrypted_content", "status"),
            "item_reference", Set.of("type", "id"));

    /** Content part type to the keys it may carry. */
    static final Map<String, Set<String>> PARTS = Map.of(
            "input_text", Set.of("type", "text", "prompt_cache_breakpoint"),
            "input_image", Set.of("type", "image_url", "file_id", "detail", "prompt_cache_breakpoint"),
            "input_file", Set.of("type", "file_data", "file_id", "file_url", "filename", "detail", "prompt_cache_breakpoint"),
            "output_text", Set.of("type", "text", "annotations", "logprobs"),
            "refusal", Set.of("type", "refusal"));

    static final List<String> INPUT_PARTS = List.of("input_text", "input_image", "input_file");
    static final List<String> ASSISTANT_PARTS = List.of("output_text", "refusal");
    static final List<String> ROLES = List.of("user", "assistant", "system", "developer");
    static final Set<String> FUNCTION_TOOL = Set.of("type", "name", "description", "parameters", "strict", "defer_loading",
            "allowed_callers", "output_schema");
    static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh");
    static final List<String> SUMMARIES = List.of("auto", "concise", "detailed");
    static final List<String> INCLUDABLE = List.of("code_interpreter_call.outputs", "computer_call_output.output.image_url",
            "file_search_call.results", "message.input_image.image_url", "message.output_text.logprobs",
            "reasoning.encrypted_content", "web_search_call.action.sources");
    static final List<String> SERVICE_TIERS = List.of("auto", "default", "flex", "scale", "priority", "fast", "ultrafast");
    static final String NAME_PATTERN = "^[a-zA-Z0-9_-]+$";
    static final int MIN_OUTPUT_TOKENS = 16;
    static final int MAX_NAME = 64;

    private ResponsesRules() {}

    /** OpenAI's list of allowed values: {@code 'a', 'b', and 'c'}. */
    static String supported(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : i == values.size() - 1 ? (values.size() > 2 ? ", and " : " and ") : ", ")
                    .append('\'').append(values.get(i)).append('\'');
        }
        return out.toString();
    }

    /** OpenAI's name of a JSON value's type in "expected X, but got Y instead". */
    static String typeName(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "null";
        };
    }
}
