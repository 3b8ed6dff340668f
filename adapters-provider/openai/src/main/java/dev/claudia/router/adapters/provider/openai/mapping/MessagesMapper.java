package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ChatMessage;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.FunctionCall;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.Part;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ToolCall;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;


import java.util.ArrayList;
import java.util.List;

/**
 * The conversation, Anthropic to OpenAI (protocol.md D.1): the system prompt becomes one leading
 * system message; mid-conversation system messages go where the route's options say; tool
 * results become {@code tool} messages placed right after the assistant turn that called them,
 * before any other user content of the same turn; consecutive user (or assistant) messages are
 * merged, as Anthropic itself does, because several chat templates reject two in a row.
 */
public final class MessagesMapper {

    /**
     * Claude Code's first system block, {@code x-anthropic-billing-header: cc_version=...; cch=...}:
     * a per-request marker for Anthropic's billing, not an instruction to the model. It changes
     * with every request, so sending it would put a different first line in every prompt and defeat
     * the provider's prefix caching. It is not user content either, so dropping it is no loss and
     * is not reported as a warning.
     */
    static final String BILLING_HEADER = "x-anthropic-billing-header:";

    private final SystemMessages systemMessages;
    private final List<ChatMessage> out = new ArrayList<>();
    private final List<String> hoisted = new ArrayList<>();

    private MessagesMapper(SystemMessages systemMessages) {
        this.systemMessages = systemMessages;
    }

    public static List<ChatMessage> map(MessageRequest request, SystemMessages systemMessages) {
        return new MessagesMapper(systemMessages).run(request);
    }

    private List<ChatMessage> run(MessageRequest request) {
        for (Message message : request.messages()) {
            switch (message.role()) {
                case SYSTEM -> system(texts(message.content()));
                case USER -> user(message.content());
                case ASSISTANT -> assistant(message.content());
            }
        }
        List<String> system = new ArrayList<>();
        for (ContentBlock.Text block : request.system()) {
            if (!block.text().startsWith(BILLING_HEADER) && !block.text().isBlank()) {
                system.add(block.text());
            }
        }
        system.addAll(hoisted);
        List<ChatMessage> all = new ArrayList<>(out.size() + 1);
        if (!system.isEmpty()) {
            all.add(ChatMessage.of("system", String.join("\n\n", system)));
        }
        all.addAll(out);
        return mergeSameRole(all);
    }

    private void system(String text) {
        if (text.isBlank()) {
            return;
        }
        switch (systemMessages) {
            case INLINE -> out.add(ChatMessage.of("system", text));
            case HOIST -> hoisted.add(text);
            // Many chat templates (Qwen, some Mistral, Gemini's compatibility layer) reject a system
            // message that is not first; a tagged user text is accepted everywhere.
            case USER_REMINDER -> out.add(ChatMessage.of("user", "<system-reminder>\n" + text + "\n</system-reminder>"));
        }
    }

    private void user(List<ContentBlock> blocks) {
        List<Part> attachments = new ArrayList<>();
        List<Part> rest = new ArrayList<>();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.ToolResult result) {
                // Strict servers (Mistral, Gemini, vLLM templates) need the tool answers right after
                // the assistant's tool_calls, so they go first, in order.
                out.add(new ChatMessage("tool", ContentParts.toolResultText(result, attachments), null,
                        result.toolUseId()));
            } else {
                ContentParts.add(block, rest);
            }
        }
        List<Part> user = new ArrayList<>(attachments);
        user.addAll(rest);
        if (!user.isEmpty()) {
            out.add(ChatMessage.of("user", ContentParts.content(user)));
        }
    }

    private void assistant(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : blocks) {
            switch (block) {
                case ContentBlock.Text t -> text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
                case ContentBlock.ToolUse t -> calls.add(new ToolCall(t.id(), "function",
                        new FunctionCall(t.name(), t.input().text())));
                // Earlier reasoning is normal history, not something the caller asked us to send:
                // OpenAI-compatible servers neither need nor verify it, so it is left out quietly.
                case ContentBlock.Thinking t -> { }
                case ContentBlock.RedactedThinking r -> { }
                case ContentBlock.Image i -> throw notAssistantContent(i);
                case ContentBlock.Document d -> throw notAssistantContent(d);
                case ContentBlock.ToolResult r -> throw notAssistantContent(r);
                case ContentBlock.ToolReference r -> throw notAssistantContent(r);
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return; // strict servers reject empty assistant messages
        }
        out.add(new ChatMessage("assistant", text.isEmpty() ? null : text.toString(), calls.isEmpty() ? null : calls, null));
    }

    private static String texts(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Text t) {
                text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
            }
        }
        return text.toString();
    }

    private static List<ChatMessage> mergeSameRole(List<ChatMessage> messages) {
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
        return new ChatMessage(a.role(), content, calls, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Part> asParts(Object content) {
        return content instanceof String s ? List.of(Part.text(s)) : (List<Part>) content;
    }

    private static IllegalArgumentException notAssistantContent(ContentBlock block) {
        return new IllegalArgumentException("an assistant turn cannot hold " + block.getClass().getSimpleName());
    }
}
