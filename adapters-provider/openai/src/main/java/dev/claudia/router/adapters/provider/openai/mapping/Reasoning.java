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
        return text(ProviderJson.text(messageOrDelta, "reasoning_content"), ProviderJson.text(messageOrDelta, "reasoning"),
                messageOrDelta.get("reasoning_details"));
    }

    /**
     * The same from the three fields already read (a stream chunk is not read as a tree): the
     * first non-empty text, else the {@code reasoning_details} array's texts and summaries joined.
     *
     * @param reasoningContent {@code reasoning_content} or null
     * @param reasoning        {@code reasoning} or null
     * @param details          {@code reasoning_details} or null
     */
    public static String text(String reasoningContent, String reasoning, JsonNode details) {
        if (reasoningContent != null && !reasoningContent.isEmpty()) {
            return reasoningContent;
        }
        if (reasoning != null && !reasoning.isEmpty()) {
            return reasoning;
        }
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
        return encryptedIn(message.get("reasoning_details"));
    }

    /** The same from the {@code reasoning_details} value itself (null when absent). */
    public static String encryptedIn(JsonNode details) {
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
