package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Mistral's API refuses, with its texts: fields outside its schema (422 pydantic
 * {@code extra_forbidden}, the request's and an assistant message's {@code reasoning_content}
 * alike), tool-call ids that are not 9 alphanumerics, and a user message right after a tool message.
 */
final class MistralRules {

    private static final Set<String> FIELDS = Set.of("model", "messages", "temperature", "top_p", "max_tokens", "stream",
            "stop", "random_seed", "response_format", "tools", "tool_choice", "presence_penalty", "frequency_penalty", "n",
            "prediction", "parallel_tool_calls", "prompt_mode", "safe_prompt");
    private static final Set<String> ASSISTANT = Set.of("role", "content", "tool_calls", "prefix", "name");
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{9}");

    private MistralRules() {}

    static Refusal check(JsonNode request) {
        String unknown = Bodies.unknownField(request, FIELDS);
        if (unknown != null) {
            return Bodies.extraForbidden(request.get(unknown), "body", unknown);
        }
        JsonNode messages = request.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (m.path("role").asText().equals("assistant")) {
                String extra = Bodies.unknownField(m, ASSISTANT);
                if (extra != null) {
                    return Bodies.extraForbidden(m.get(extra), "body", "messages", i, "assistant", extra);
                }
            }
            if (i > 0 && m.path("role").asText().equals("user") && messages.get(i - 1).path("role").asText().equals("tool")) {
                return Bodies.mistral(400, Bodies.JSON.getNodeFactory().textNode("Unexpected role 'user' after role 'tool'"));
            }
        }
        for (String[] id : Bodies.toolIds(request)) {
            if (!ID.matcher(id[1]).matches()) {
                return Bodies.mistral(400, Bodies.JSON.getNodeFactory().textNode("Tool call id was " + id[1]
                        + " but must be a-z, A-Z, 0-9, with a length of 9."));
            }
        }
        return null;
    }
}
