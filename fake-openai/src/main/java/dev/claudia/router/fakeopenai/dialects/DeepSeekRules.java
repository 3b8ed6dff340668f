package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What DeepSeek's API refuses, with its texts: OpenAI's function-name rules, a {@code max_tokens}
 * over 8192 for {@code deepseek-chat}, and, in thinking mode (on unless {@code thinking.type} is
 * {@code disabled}), an assistant turn with tool calls that does not carry its
 * {@code reasoning_content}.
 */
final class DeepSeekRules {

    private DeepSeekRules() {}

    static Refusal check(JsonNode request) {
        Refusal names = OpenAiRules.names(request);
        if (names != null) {
            return names;
        }
        if (request.path("model").asText().equals("deepseek-chat") && request.path("max_tokens").asInt(0) > 8192) {
            return Bodies.openAi(400, "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]", null,
                    "invalid_request_error");
        }
        if (!request.path("thinking").path("type").asText("enabled").equals("disabled")) {
            for (JsonNode m : request.path("messages")) {
                if (m.path("role").asText().equals("assistant") && !m.path("tool_calls").isEmpty()
                        && !m.path("reasoning_content").isTextual()) {
                    return Bodies.openAi(400, "The `reasoning_content` in the thinking mode must be passed back to the API.",
                            null, "invalid_request_error");
                }
            }
        }
        return OpenAiRules.pairing(request);
    }
}
