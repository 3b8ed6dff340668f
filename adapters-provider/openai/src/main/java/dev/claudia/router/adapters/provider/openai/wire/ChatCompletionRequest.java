package dev.claudia.router.adapters.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /chat/completions} (the spec's {@code CreateChatCompletionRequest}),
 * with the fields this router sends. Null fields are left out: strict servers (NIM, Gemini) reject
 * keys they do not expect, and absent means "provider default". Written with snake_case names
 * ({@code ProviderJson.MAPPER}). Dialect extras ({@code chat_template_kwargs}, {@code reasoning},
 * {@code thinking}) and the route's {@code extraBody} are merged in by the request mapper.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/chat/create">Create chat completion</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(String model, List<ChatMessage> messages, List<Tool> tools, Object toolChoice,
                                    Boolean parallelToolCalls, Integer maxTokens, List<String> stop, Boolean stream,
                                    StreamOptions streamOptions, Double temperature, Double topP, Integer topK,
                                    String user, ResponseFormat responseFormat, String reasoningEffort) {

    /** The same request without its two big parts, which the mapper writes straight from the records. */
    public ChatCompletionRequest withoutConversation() {
        return new ChatCompletionRequest(model, null, null, toolChoice, parallelToolCalls, maxTokens, stop, stream,
                streamOptions, temperature, topP, topK, user, responseFormat, reasoningEffort);
    }

    /**
     * A message (the spec's {@code ChatCompletionRequest*Message} family): {@code content} is a
     * string, a list of {@link Part}s, or null (an assistant turn with tool calls only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChatMessage(String role, @JsonInclude(JsonInclude.Include.ALWAYS) Object content,
                              List<ToolCall> toolCalls, String toolCallId, String reasoningContent, String reasoning) {

        public ChatMessage(String role, Object content, List<ToolCall> toolCalls, String toolCallId) {
            this(role, content, toolCalls, toolCallId, null, null);
        }

        public static ChatMessage of(String role, Object content) {
            return new ChatMessage(role, content, null, null);
        }

        /**
         * The same message with earlier reasoning in the dialect's field ({@code reasoning_content}
         * for DeepSeek, vLLM, llama.cpp; {@code reasoning} for OpenRouter, Ollama).
         */
        public ChatMessage withReasoning(String field, String text) {
            return field.equals("reasoning") ? new ChatMessage(role, content, toolCalls, toolCallId, null, text)
                    : new ChatMessage(role, content, toolCalls, toolCallId, text, null);
        }
    }

    /** A content part ({@code ChatCompletionRequestMessageContentPart*}): {@code text}, {@code image_url} or {@code file}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Part(String type, String text, ImageUrl imageUrl, FilePart file) {
        public static Part text(String text) {
            return new Part("text", text, null, null);
        }

        public static Part image(String url) {
            return new Part("image_url", null, new ImageUrl(url), null);
        }

        public static Part file(String filename, String dataUrl) {
            return new Part("file", null, null, new FilePart(filename, dataUrl));
        }
    }

    /** {@code url} is {@code https://...} or a {@code data:<mime>;base64,...} URL. */
    public record ImageUrl(String url) {}

    /** {@code file_data} is a {@code data:application/pdf;base64,...} URL. */
    public record FilePart(String filename, String fileData) {}

    /**
     * {@code ChatCompletionMessageToolCall}; {@code arguments} is a JSON text, as OpenAI requires (a
     * string, not an object). {@code extraContent} is Gemini's {@code extra_content} (the call's
     * thought signature), null elsewhere.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCall(String id, String type, FunctionCall function, Map<String, Object> extraContent) {
        public ToolCall(String id, String type, FunctionCall function) {
            this(id, type, function, null);
        }
    }

    public record FunctionCall(String name, String arguments) {}

    /** {@code ChatCompletionTool}. */
    public record Tool(String type, FunctionDef function) {}

    /** {@code FunctionObject}; {@code parameters} is the caller's JSON Schema as the dialect needs it (null: none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionDef(String name, String description, @JsonRawValue String parameters) {}

    /** {@code ChatCompletionNamedToolChoice}: {@code {"type":"function","function":{"name":...}}}. */
    public record NamedToolChoice(String type, Map<String, String> function) {}

    /** {@code ChatCompletionStreamOptions}. */
    public record StreamOptions(boolean includeUsage) {}

    /** {@code ResponseFormatJsonSchema}. */
    public record ResponseFormat(String type, JsonSchema jsonSchema) {}

    public record JsonSchema(String name, @JsonRawValue String schema, boolean strict) {}
}
