package dev.claudia.router.adapters.provider.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.responses.mapping.ResponsesJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function calls of one stream while their arguments arrive, keyed by output item id. The item
 * of {@code output_item.done} is the final word (its arguments are complete); the accumulated deltas
 * and {@code function_call_arguments.done} serve when a server leaves fields out of it, and for
 * calls the stream cut off before their done event.
 */
final class PendingCalls {

    /** A call as far as it is known. */
    record Call(String callId, String name, String arguments) {}

    private static final class Builder {
        String callId;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    private final Map<String, Builder> calls = new LinkedHashMap<>();

    void added(JsonNode item) {
        Builder call = calls.computeIfAbsent(key(ResponsesJson.text(item, "id")), k -> new Builder());
        call.callId = ResponsesJson.text(item, "call_id");
        call.name = ResponsesJson.text(item, "name");
        String arguments = ResponsesJson.text(item, "arguments");
        if (arguments != null) {
            call.arguments.setLength(0);
            call.arguments.append(arguments);
        }
    }

    void arguments(String itemId, String delta) {
        if (delta != null) {
            calls.computeIfAbsent(key(itemId), k -> new Builder()).arguments.append(delta);
        }
    }

    void done(String itemId, String arguments, String name) {
        Builder call = calls.computeIfAbsent(key(itemId), k -> new Builder());
        if (arguments != null) {
            call.arguments.setLength(0);
            call.arguments.append(arguments);
        }
        if (name != null) {
            call.name = name;
        }
    }

    /** The finished call of a done item: the item's fields, else what was collected for it. */
    Call complete(JsonNode item) {
        Builder known = calls.remove(key(ResponsesJson.text(item, "id")));
        String arguments = ResponsesJson.text(item, "arguments");
        return new Call(first(ResponsesJson.text(item, "call_id"), known == null ? null : known.callId),
                first(ResponsesJson.text(item, "name"), known == null ? null : known.name),
                arguments != null && !arguments.isEmpty() || known == null ? arguments : known.arguments.toString());
    }

    /** The calls still open, in the order they began; none afterwards. */
    List<Call> drain() {
        List<Call> open = new ArrayList<>();
        calls.values().forEach(b -> open.add(new Call(b.callId, b.name, b.arguments.toString())));
        calls.clear();
        return open;
    }

    private static String key(String itemId) {
        return String.valueOf(itemId);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
