package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Error bodies in the shapes providers use, and the small walks over a request that the rules share. */
final class Bodies {

    static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {}

    /** OpenAI's (and DeepSeek's): {@code {"error":{"message","type","param","code"}}}. */
    static Refusal openAi(int status, String message, String param, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", "invalid_request_error");
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        error.put("code", code);
        return new Refusal(status, body.toString());
    }

    /** Google's, as its OpenAI endpoint sends it: an array holding one error. */
    static Refusal google(String message) {
        ArrayNode body = JSON.createArrayNode();
        body.addObject().putObject("error").put("code", 400).put("message", message).put("status", "INVALID_ARGUMENT");
        return new Refusal(400, body.toString());
    }

    /** Mistral's: {@code {"object":"error","message",...}}; the message may be a validation object. */
    static Refusal mistral(int status, JsonNode message) {
        ObjectNode body = JSON.createObjectNode().put("object", "error");
        body.set("message", message);
        body.put("type", "invalid_request_error").putNull("param").putNull("code");
        return new Refusal(status, body.toString());
    }

    /** pydantic's {@code extra_forbidden}, as Mistral answers an unknown field (422). */
    static Refusal extraForbidden(JsonNode value, Object... location) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode detail = message.putArray("detail").addObject().put("type", "extra_forbidden");
        ArrayNode loc = detail.putArray("loc");
        for (Object part : location) {
            if (part instanceof Integer i) {
                loc.add(i);
            } else {
                loc.add(part.toString());
            }
        }
        detail.put("msg", "Extra inputs are not permitted").set("input", value);
        return mistral(422, message);
    }

    /** The first top-level field not in {@code allowed}, or null. */
    static String unknownField(JsonNode request, java.util.Set<String> allowed) {
        for (var names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** Every tool call id and tool_call_id, with where it sits ({@code messages[2].tool_calls[0].id}). */
    static List<String[]> toolIds(JsonNode request) {
        List<String[]> ids = new ArrayList<>();
        JsonNode messages = request.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode calls = messages.get(i).path("tool_calls");
            for (int j = 0; j < calls.size(); j++) {
                ids.add(new String[] {"messages[" + i + "].tool_calls[" + j + "].id", calls.get(j).path("id").asText()});
            }
            if (messages.get(i).has("tool_call_id")) {
                ids.add(new String[] {"messages[" + i + "].tool_call_id", messages.get(i).path("tool_call_id").asText()});
            }
        }
        return ids;
    }
}
