package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ChatMessage;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.Part;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ToolCall;

import java.util.ArrayList;
import java.util.List;

/** The order of roles strict chat templates insist on, applied to a translated conversation. */
final class RoleOrder {

    /** What a user message with images becomes preceded by when it may not follow tool messages directly. */
    static final String CONTINUE = "(tool results received)";

    private RoleOrder() {}

    /** Consecutive user (or assistant) messages merged into one, as Anthropic does. */
    static List<ChatMessage> mergeSameRole(List<ChatMessage> messages) {
        List<ChatMessage> merged = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            ChatMessage last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.role().equals(m.role()) && (m.role().equals("user") || m.role().equals("assistant"))) {
                merged.set(merged.size() - 1, merge(last, m));
            } else {
                merged.add(m);
            }
        }
        return merged;
    }

    /**
     * Mistral's templates refuse a user message right after a tool message (400 "Unexpected role
     * 'user' after role 'tool'"); Claude Code sends exactly that whenever it adds a reminder to a
     * turn of tool results. Text joins the last tool message (the model reads it right after the
     * results either way); a message with images gets a short assistant turn before it instead.
     */
    static List<ChatMessage> noUserAfterTool(List<ChatMessage> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            ChatMessage last = out.isEmpty() ? null : out.getLast();
            if (last == null || !last.role().equals("tool") || !m.role().equals("user")) {
                out.add(m);
            } else if (m.content() instanceof String text) {
                out.set(out.size() - 1, new ChatMessage("tool", last.content() + "\n\n" + text, null, last.toolCallId()));
            } else {
                out.add(ChatMessage.of("assistant", CONTINUE));
                out.add(m);
            }
        }
        return out;
    }

    private static ChatMessage merge(ChatMessage a, ChatMessage b) {
        Object content;
        if (a.content() == null || b.content() == null) {
            content = a.content() == null ? b.content() : a.content();
        } else if (a.content() instanceof String x && b.content() instanceof String y) {
            content = x + "\n\n" + y;
        } else {
            List<Part> parts = new ArrayList<>(asParts(a.content()));
            parts.addAll(asParts(b.content()));
            content = parts;
        }
        List<ToolCall> calls = null;
        if (a.toolCalls() != null || b.toolCalls() != null) {
            calls = new ArrayList<>();
            if (a.toolCalls() != null) {
                calls.addAll(a.toolCalls());
            }
            if (b.toolCalls() != null) {
                calls.addAll(b.toolCalls());
            }
        }
        return new ChatMessage(a.role(), content, calls, null, join(a.reasoningContent(), b.reasoningContent()),
                join(a.reasoning(), b.reasoning()));
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + b;
    }

    @SuppressWarnings("unchecked")
    private static List<Part> asParts(Object content) {
        return content instanceof String s ? List.of(Part.text(s)) : (List<Part>) content;
    }
}
