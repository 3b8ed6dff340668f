package dev.claudia.router.adapters.provider.responses.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One item of a Responses {@code input} (the spec's {@code ResponseInputItem} union), the kinds this
 * router sends. Each record writes its own {@code type}.
 */
public sealed interface InputItem {

    /**
     * {@code EasyInputMessage}: {@code role} is {@code user}, {@code assistant} or {@code developer};
     * {@code content} is a list of {@link Part}s ({@code input_*} parts for users and developers,
     * {@code output_text} parts for the assistant, as OpenAI requires).
     */
    record Message(String type, String role, List<Part> content) implements InputItem {
        public static Message of(String role, List<Part> content) {
            return new Message("message", role, List.copyOf(content));
        }
    }

    /** {@code ResponseFunctionToolCall}: a call the model made earlier; {@code arguments} is JSON text. */
    record FunctionCall(String type, String callId, String name, String arguments) implements InputItem {
        public static FunctionCall of(String callId, String name, String arguments) {
            return new FunctionCall("function_call", callId, name, arguments);
        }
    }

    /** {@code FunctionCallOutput}: {@code output} is a string, or a list of {@code input_*} {@link Part}s. */
    record FunctionCallOutput(String type, String callId, Object output) implements InputItem {
        public static FunctionCallOutput of(String callId, Object output) {
            return new FunctionCallOutput("function_call_output", callId, output);
        }
    }

    /**
     * {@code ResponseReasoningItem}, sent back as the provider returned it: its id, its summary (required,
     * possibly empty) and, without {@code store}, its encrypted content.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reasoning(String type, String id, List<SummaryText> summary, String encryptedContent) implements InputItem {
        public static Reasoning of(String id, List<SummaryText> summary, String encryptedContent) {
            return new Reasoning("reasoning", id, List.copyOf(summary), encryptedContent);
        }
    }

    /** One part of a reasoning item's summary. */
    record SummaryText(String type, String text) {
        public static SummaryText of(String text) {
            return new SummaryText("summary_text", text);
        }
    }

    /**
     * A content part: {@code input_text} ({@code text}), {@code input_image} ({@code image_url}, a URL or a
     * data URL, and {@code detail}), {@code input_file} ({@code filename}, {@code file_data} as a data URL)
     * or, in assistant messages, {@code output_text}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Part(String type, String text, String imageUrl, String detail, String filename, String fileData) {
        public static Part text(String text) {
            return new Part("input_text", text, null, null, null, null);
        }

        public static Part outputText(String text) {
            return new Part("output_text", text, null, null, null, null);
        }

        public static Part image(String url) {
            return new Part("input_image", null, url, "auto", null, null);
        }

        public static Part file(String filename, String dataUrl) {
            return new Part("input_file", null, null, null, filename, dataUrl);
        }

        public boolean textual() {
            return type.equals("input_text") || type.equals("output_text");
        }
    }
}
