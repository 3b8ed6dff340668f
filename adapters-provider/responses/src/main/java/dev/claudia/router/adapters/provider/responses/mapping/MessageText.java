package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text of a Responses {@code message} output item: its {@code output_text} parts and its
 * {@code refusal} parts, in order (a refusal is said to the user like any text), and whether it
 * refused.
 */
public record MessageText(String text, boolean refused) {

    public static MessageText of(JsonNode item) {
        StringBuilder text = new StringBuilder();
        boolean refused = false;
        for (JsonNode part : item.path("content")) {
            String type = String.valueOf(ResponsesJson.text(part, "type"));
            String t = ResponsesJson.text(part, type.equals("refusal") ? "refusal" : "text");
            if (t != null && (type.equals("output_text") || type.equals("refusal"))) {
                text.append(t);
                refused |= type.equals("refusal") && !t.isEmpty();
            }
        }
        return new MessageText(text.toString(), refused);
    }
}
