package dev.claudia.router.adapters.provider.responses.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.util.List;

/**
 * The body of {@code POST /responses} (the spec's {@code ResponseCreateParams}), with the fields this
 * router sends. Null fields are left out: OpenAI rejects keys it does not know, and absent means
 * "provider default". Written with snake_case names ({@code ResponsesJson.MAPPER}); the route's
 * {@code extraBody} is merged in by the request mapper.
 *
 * @param input     the conversation: {@link InputItem}s in order
 * @param toolChoice {@code "auto"}, {@code "required"}, {@code "none"} or a {@link FunctionChoice}
 * @param include   e.g. {@code reasoning.encrypted_content}, so reasoning can be sent back without {@code store}
 * @see <a href="https://platform.openai.com/docs/api-reference/responses/create">Create a model response</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesRequest(String model, String instructions, List<InputItem> input, List<Tool> tools,
                               Object toolChoice, Boolean parallelToolCalls, Integer maxOutputTokens, Double temperature,
                               Double topP, Reasoning reasoning, TextConfig text, Boolean store, List<String> include,
                               Boolean stream, String serviceTier, String safetyIdentifier, String promptCacheKey) {

    /** {@code FunctionTool}. {@code strict} is always sent: OpenAI makes function tools strict when it is absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tool(String type, String name, String description, @JsonRawValue String parameters, boolean strict) {
        public static Tool function(String name, String description, String schema) {
            return new Tool("function", name, description, schema, false);
        }
    }

    /** {@code ToolChoiceFunction}: {@code {"type":"function","name":...}}. */
    public record FunctionChoice(String type, String name) {
        public static FunctionChoice of(String name) {
            return new FunctionChoice("function", name);
        }
    }

    /** {@code Reasoning}: effort and summary; either may be null (left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reasoning(String effort, String summary) {}

    /** {@code ResponseTextConfig}: only {@code format} is sent. */
    public record TextConfig(JsonSchemaFormat format) {}

    /** {@code ResponseFormatTextJSONSchemaConfig}: the schema is the caller's, written unchanged. */
    public record JsonSchemaFormat(String type, String name, @JsonRawValue String schema, boolean strict) {
        public static JsonSchemaFormat of(String schema) {
            return new JsonSchemaFormat("json_schema", "output", schema, true);
        }
    }
}
