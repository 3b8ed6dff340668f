package dev.claudia.router.adapters.provider.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import dev.claudia.router.provider.support.ToolArguments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects streamed tool-call fragments into whole calls, whatever the provider's style
 * (docs/translation.md, Streams): fragments keyed by {@code index}, or by their position when there is none
 * (older Ollama); a new id at a known index starts a new call (servers that put every call at
 * index 0); the name may come late; arguments may arrive as an object, whole, or in pieces.
 */
final class ToolCallAccumulator {

    /** One call being collected. */
    static final class Call {
        String id;
        String name;
        /** Gemini's thought signature ({@code extra_content.google.thought_signature}), or null. */
        String signature;
        final StringBuilder arguments = new StringBuilder();
    }

    private final Map<Integer, Call> byKey = new HashMap<>();
    private final List<Call> order = new ArrayList<>();
    private int retiredKey = -1;

    void add(JsonNode fragment, int position) {
        JsonNode index = fragment.get("index");
        int key = index != null && index.canConvertToInt() ? index.intValue() : position;
        String id = ProviderJson.text(fragment, "id");
        JsonNode function = fragment.path("function");
        String name = ProviderJson.text(function, "name");
        JsonNode args = function.get("arguments");
        Call call = byKey.get(key);
        if (call == null || startsAnother(call, id, name, args)) {
            if (call != null) {
                byKey.put(retiredKey--, byKey.remove(key));
            }
            call = new Call();
            byKey.put(key, call);
            order.add(call);
        }
        if (present(id) && !present(call.id)) {
            call.id = id;
        }
        if (present(name) && !present(call.name)) {
            call.name = name;
        }
        String signature = ProviderJson.text(fragment.path("extra_content").path("google"), "thought_signature");
        if (present(signature)) {
            call.signature = signature;
        }
        if (args != null && args.isTextual()) {
            call.arguments.append(args.textValue());
        } else if (args != null && args.isObject()) {
            call.arguments.setLength(0);
            call.arguments.append(ToolArguments.fromObject(args));
        }
    }

    /**
     * A fragment belongs to a new call when it brings a different id, or (servers without ids)
     * a name plus arguments while the current call is already complete.
     */
    private static boolean startsAnother(Call call, String id, String name, JsonNode args) {
        if (present(id) && present(call.id)) {
            return !id.equals(call.id);
        }
        boolean bringsArguments = args != null && (args.isObject() || args.isTextual() && !args.textValue().isEmpty());
        return !present(id) && present(name) && present(call.name) && bringsArguments
                && ToolArguments.normalize(call.arguments.toString()).isPresent() && !call.arguments.isEmpty();
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    /** The calls in first-seen order; the accumulator is empty afterwards. */
    List<Call> drain() {
        List<Call> calls = List.copyOf(order);
        order.clear();
        byKey.clear();
        return calls;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
