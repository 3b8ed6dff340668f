package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What OpenAI's chat completions endpoint refuses that a translating proxy can get wrong, with its
 * texts: function names over 64 characters or outside {@code ^[a-zA-Z0-9_-]+$}, tool-call ids over
 * 40 characters, and tool messages that do not pair with the assistant's tool calls. DeepSeek's
 * endpoint answers the same names with the same texts.
 */
final class OpenAiRules {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");

    private OpenAiRules() {}

    static Refusal check(JsonNode request) {
        Refusal names = names(request);
        if (names != null) {
            return names;
        }
        for (String[] id : Bodies.toolIds(request)) {
            if (id[0].endsWith(".id") && id[1].length() > 40) {
                return Bodies.openAi(400, "Invalid '" + id[0] + "': string too long. Expected a string with maximum length 40, "
                        + "but got a string with length " + id[1].length() + " instead.", id[0], "string_above_max_length");
            }
        }
        return pairing(request);
    }

    /** "Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, ..." */
    static Refusal names(JsonNode request) {
        JsonNode tools = request.path("tools");
        for (int i = 0; i < tools.size(); i++) {
            String name = tools.get(i).path("function").path("name").asText("");
            String param = "tools[" + i + "].function.name";
            if (name.length() > 64) {
                return Bodies.openAi(400, "Invalid '" + param + "': string too long. Expected a string with maximum length 64, "
                        + "but got a string with length " + name.length() + " instead.", param, "string_above_max_length");
            }
            if (!NAME.matcher(name).matches()) {
                return Bodies.openAi(400, "Invalid '" + param + "': string does not match pattern. Expected a string that "
                        + "matches the pattern '^[a-zA-Z0-9_-]+$'.", param, "invalid_value");
            }
        }
        return null;
    }

    /** Each assistant tool call answered by one tool message, and no tool message without its call. */
    static Refusal pairing(JsonNode request) {
        JsonNode messages = request.path("messages");
        Set<String> open = new LinkedHashSet<>();
        Set<String> known = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (role.equals("tool")) {
                if (!known.contains(m.path("tool_call_id").asText())) {
                    return Bodies.openAi(400, "Invalid parameter: messages with role 'tool' must be a response to a "
                            + "preceeding message with 'tool_calls'.", "messages.[" + i + "].role", null);
                }
                open.remove(m.path("tool_call_id").asText());
                continue;
            }
            if (!open.isEmpty()) {
                return unanswered(open);
            }
            m.path("tool_calls").forEach(c -> {
                open.add(c.path("id").asText());
                known.add(c.path("id").asText());
            });
        }
        return open.isEmpty() ? null : unanswered(open);
    }

    private static Refusal unanswered(Set<String> open) {
        return Bodies.openAi(400, "An assistant message with 'tool_calls' must be followed by tool messages responding to "
                + "each 'tool_call_id'. The following tool_call_ids did not have response messages: "
                + String.join(", ", open), "messages", null);
    }
}
