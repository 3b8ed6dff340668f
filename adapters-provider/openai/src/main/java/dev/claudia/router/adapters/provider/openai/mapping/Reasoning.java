package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where providers put reasoning text: {@code reasoning_content} (DeepSeek, NIM, LM Studio,
 * llama.cpp, older vLLM), {@code reasoning} (OpenRouter, newer vLLM, Ollama) or OpenRouter's
 * structured {@code reasoning_details}. Used for whole messages and stream deltas alike.
 */
public final class Reasoning {

    private Reasoning() {}

    /** The reasoning text in a message or delta, or "" when there is none. */
    public static String text(JsonNode messageOrDelta) {
        String text = ProviderJson.text(messageOrDelta, "reasoning_content");
        if (text != null && !text.isEmpty()) {
            return text;
        }
        text = ProviderJson.text(messageOrDelta, "reasoning");
        if (text != null && !text.isEmpty()) {
            return text;
        }
        JsonNode details = messageOrDelta.get("reasoning_details");
        if (details != null && details.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode detail : details) {
                if ("reasoning.text".equals(ProviderJson.text(detail, "type"))) {
                    String t = ProviderJson.text(detail, "text");
                    joined.append(t == null ? "" : t);
                } else if ("reasoning.summary".equals(ProviderJson.text(detail, "type"))) {
                    String t = ProviderJson.text(detail, "summary");
                    joined.append(t == null ? "" : t);
                }
            }
            return joined.toString();
        }
        return "";
    }

    /**
     * Reasoning written as content parts (Mistral's reasoning models: {@code {"type":"thinking",
     * "thinking":[{"type":"text","text":..}]}} beside the text parts), or "".
     */
    public static String inContent(JsonNode content) {
        if (content == null || !content.isArray()) {
            return "";
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode part : content) {
            if (!"thinking".equals(ProviderJson.text(part, "type"))) {
                continue;
            }
            JsonNode thinking = part.get("thinking");
            if (thinking != null && thinking.isTextual()) {
                joined.append(thinking.textValue());
            } else if (thinking != null && thinking.isArray()) {
                thinking.forEach(t -> joined.append(t.isTextual() ? t.textValue() : t.path("text").asText("")));
            }
        }
        return joined.toString();
    }

    /** OpenRouter's encrypted reasoning, or null. */
    public static String encrypted(JsonNode message) {
        JsonNode details = message.get("reasoning_details");
        if (details != null && details.isArray()) {
            for (JsonNode detail : details) {
                if ("reasoning.encrypted".equals(ProviderJson.text(detail, "type"))) {
                    return ProviderJson.text(detail, "data");
                }
            }
        }
        return null;
    }
}
