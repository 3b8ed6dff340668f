package dev.claudia.router.adapters.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /chat/completions}, with the fields this router sends. Null fields are
 * left out: strict servers (NIM, Gemini) reject keys they do not expect, and absent means
 * "provider default". Dialect extras ({@code chat_template_kwargs}, {@code reasoning},
 * {@code thinking}) travel in {@code extras} and are merged at the top level.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/chat/create">Create chat completion</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(String model, List<ChatMessage> messages, List<Tool> tools, Object toolChoice,
                          Boolean parallelToolCalls, Integer maxTokens, List<String> stop, Boolean stream,
                          StreamOptions streamOptions, Double temperature, Double topP, Integer topK, String user,
                          ResponseFormat responseFormat, String reasoningEffort) {

    /** A message; {@code content} is a string, a list of parts, or null (assistant turns with tool calls only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChatMessage(String role, @JsonInclude(JsonInclude.Include.ALWAYS) Object content,
                              List<ToolCall> toolCalls, String toolCallId) {

        public static ChatMessage of(String role, Object content) {
            return new ChatMessage(role, content, null, null);
        }
    }

    /** {@code {type:"text"}}, {@code {type:"image_url"}} or {@code {type:"file"}}. */
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

    public record ImageUrl(String url) {}

    public record FilePart(String filename, String fileData) {}

    /** {@code arguments} is a JSON text, as OpenAI requires (a string, not an object). */
    public record ToolCall(String id, String type, FunctionCall function) {}

    public record FunctionCall(String name, String arguments) {}

    public record Tool(String type, FunctionDef function) {}

    /** {@code parameters} is the caller's JSON Schema, written unchanged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionDef(String name, String description, @JsonRawValue String parameters) {}

    public record NamedToolChoice(String type, Map<String, String> function) {}

    public record StreamOptions(boolean includeUsage) {}

    public record ResponseFormat(String type, JsonSchema jsonSchema) {}

    public record JsonSchema(String name, @JsonRawValue String schema, boolean strict) {}
}
