package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.claudia.router.fakeopenai.ResponsesRules.supported;
import static dev.claudia.router.fakeopenai.ResponsesRules.typeName;

/**
 * A request OpenAI's Responses API refuses: its HTTP status and the fields of the {@code error} object,
 * thrown by the checks ({@link ResponsesValidation}, {@link ResponsesInput}) at the first problem, as
 * OpenAI reports one problem at a time. The factories word the common problems as OpenAI does.
 */
final class ResponsesRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String param;
    final String code;

    ResponsesRefusal(int status, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    static ResponsesRefusal missing(String param) {
        return new ResponsesRefusal(400, "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    static ResponsesRefusal invalidType(String param, String expected, JsonNode got) {
        return new ResponsesRefusal(400, "Invalid type for '" + param + "': expected " + expected + ", but got "
                + typeName(got) + " instead.", param, "invalid_type");
    }

    static ResponsesRefusal invalidValue(String value, String param, List<String> allowed) {
        return new ResponsesRefusal(400, "Invalid value: '" + value + "'. Supported values are: " + supported(allowed) + ".",
                param, "invalid_value");
    }

    /** Every key of {@code object} must be one of {@code keys}: "Unknown parameter: 'input[2].foo'." */
    static void known(JsonNode object, Set<String> keys, String at) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!keys.contains(field.getKey())) {
                String param = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                throw new ResponsesRefusal(400, "Unknown parameter: '" + param + "'.", param, "unknown_parameter");
            }
        }
    }

    static void required(JsonNode object, String at, String... keys) {
        for (String key : keys) {
            if (!object.has(key) || object.get(key).isNull()) {
                throw missing(at + "." + key);
            }
        }
    }

    static void value(JsonNode value, String at, List<String> allowed) {
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw invalidValue(value.asText(), at, allowed);
        }
    }
}
