package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * What Groq refuses, with its texts: properties it does not support, at the top ("property 'top_k'
 * is unsupported") and in assistant messages ({@code reasoning_content}), and OpenAI's function-name
 * rules.
 */
final class GroqRules {

    private static final Set<String> FIELDS = Set.of("model", "messages", "tools", "tool_choice", "parallel_tool_calls",
            "max_tokens", "max_completion_tokens", "stop", "stream", "stream_options", "temperature", "top_p", "user",
            "response_format", "reasoning_effort", "reasoning_format", "include_reasoning", "seed", "n", "frequency_penalty",
            "presence_penalty", "service_tier", "metadata", "logprobs", "top_logprobs", "logit_bias");
    private static final Set<String> ASSISTANT = Set.of("role", "content", "tool_calls", "name", "reasoning");

    private GroqRules() {}

    static Refusal check(JsonNode request) {
        String unknown = Bodies.unknownField(request, FIELDS);
        if (unknown != null) {
            return groq("property '" + unknown + "' is unsupported");
        }
        JsonNode messages = request.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String extra = m.path("role").asText().equals("assistant") ? Bodies.unknownField(m, ASSISTANT) : null;
            if (extra != null) {
                return groq("'messages." + i + "' : for 'role: assistant' the following must be satisfied[('messages." + i
                        + "' : property '" + extra + "' is unsupported)]");
            }
        }
        Refusal names = OpenAiRules.names(request);
        return names != null ? names : OpenAiRules.pairing(request);
    }

    private static Refusal groq(String message) {
        var body = Bodies.JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "invalid_request_error");
        return new Refusal(400, body.toString());
    }
}
