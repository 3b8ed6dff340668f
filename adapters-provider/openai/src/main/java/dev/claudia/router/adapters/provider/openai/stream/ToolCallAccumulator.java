package dev.claudia.router.adapters.provider.openai.stream;

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

    void add(Chunk.Fragment fragment, int position) {
        int key = fragment.index() != null ? fragment.index() : position;
        String id = fragment.id();
        String name = fragment.name();
        Call call = byKey.get(key);
        if (call == null || startsAnother(call, fragment)) {
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
        if (present(fragment.signature())) {
            call.signature = fragment.signature();
        }
        if (fragment.arguments() != null) {
            call.arguments.append(fragment.arguments());
        } else if (fragment.argumentsObject() != null) {
            call.arguments.setLength(0);
            call.arguments.append(ToolArguments.fromObject(fragment.argumentsObject()));
        }
    }

    /**
     * A fragment belongs to a new call when it brings a different id, or (servers without ids)
     * a name plus arguments while the current call is already complete.
     */
    private static boolean startsAnother(Call call, Chunk.Fragment fragment) {
        String id = fragment.id();
        if (present(id) && present(call.id)) {
            return !id.equals(call.id);
        }
        boolean bringsArguments = fragment.argumentsObject() != null || present(fragment.arguments());
        return !present(id) && present(fragment.name()) && present(call.name) && bringsArguments
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
