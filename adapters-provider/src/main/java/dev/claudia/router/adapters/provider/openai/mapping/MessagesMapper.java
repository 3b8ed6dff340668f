package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.wire.ChatRequest.ChatMessage;
import dev.claudia.router.adapters.provider.openai.wire.ChatRequest.FunctionCall;
import dev.claudia.router.adapters.provider.openai.wire.ChatRequest.Part;
import dev.claudia.router.adapters.provider.openai.wire.ChatRequest.ToolCall;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.ImageSource;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.routing.Capabilities;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The conversation, Anthropic to OpenAI (protocol.md D.1): the system prompt becomes the leading
 * system message; tool results become {@code tool} messages placed right after the assistant turn
 * that called them, before any other user content of the same turn; consecutive turns of the same
 * role are merged, as Anthropic itself does, because several chat templates reject them.
 */
public final class MessagesMapper {

    /** Claude Code's first system block: a per-request billing marker, not an instruction. */
    static final String BILLING_HEADER = "x-anthropic-billing-header:";
    static final String IMAGE_BELOW = "[image attached in the next message]";

    private final Capabilities capabilities;
    private final Consumer<Warning> warnings;
    private final List<ChatMessage> out = new ArrayList<>();
    private final List<String> hoisted = new ArrayList<>();

    private MessagesMapper(Capabilities capabilities, Consumer<Warning> warnings) {
        this.capabilities = capabilities;
        this.warnings = warnings;
    }

    public static List<ChatMessage> map(MessageRequest request, Capabilities capabilities, Consumer<Warning> warnings) {
        return new MessagesMapper(capabilities, warnings).run(request);
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
            // The billing marker changes with every request; sending it would defeat the provider's
            // prompt-prefix caching, and it tells the model nothing.
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
        switch (capabilities.systemMessages()) {
            case INLINE -> out.add(ChatMessage.of("system", text));
            case HOIST -> hoisted.add(text);
            // Most chat templates (Qwen, Mistral, Gemini...) accept system text only at the start.
            case USER_REMINDER -> out.add(ChatMessage.of("user", "<system-reminder>\n" + text + "\n</system-reminder>"));
        }
    }

    private void user(List<ContentBlock> blocks) {
        List<Part> imagesFromResults = new ArrayList<>();
        List<Part> rest = new ArrayList<>();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.ToolResult result) {
                out.add(new ChatMessage("tool", toolResultText(result, imagesFromResults), null, result.toolUseId()));
            } else {
                parts(block, rest);
            }
        }
        List<Part> user = new ArrayList<>(imagesFromResults);
        user.addAll(rest);
        if (!user.isEmpty()) {
            out.add(ChatMessage.of("user", content(user)));
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
                case ContentBlock.Thinking t -> warnings.accept(new Warning("history.thinking",
                        "earlier reasoning is not sent back to OpenAI-compatible providers"));
                case ContentBlock.RedactedThinking r -> warnings.accept(new Warning("history.redacted_thinking",
                        "encrypted reasoning only Anthropic can read"));
                default -> throw new IllegalArgumentException("an assistant turn cannot hold " + block.getClass().getSimpleName());
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        out.add(new ChatMessage("assistant", text.isEmpty() ? null : text.toString(), calls.isEmpty() ? null : calls, null));
    }

    private String toolResultText(ContentBlock.ToolResult result, List<Part> images) {
        StringBuilder text = new StringBuilder(result.isError() ? "[tool error] " : "");
        List<Part> parts = new ArrayList<>();
        for (ContentBlock block : result.content()) {
            parts(block, parts);
        }
        boolean first = true;
        for (Part part : parts) {
            if (!first) {
                text.append('\n');
            }
            first = false;
            if (part.type().equals("text")) {
                text.append(part.text());
            } else {
                // Few servers accept images in tool messages: the image follows in a user message.
                text.append(IMAGE_BELOW);
                images.add(part);
            }
        }
        return text.toString();
    }

    private void parts(ContentBlock block, List<Part> into) {
        switch (block) {
            case ContentBlock.Text t -> into.add(Part.text(t.text()));
            case ContentBlock.Image i -> into.add(Part.image(switch (i.source()) {
                case ImageSource.Base64 b -> b.dataUrl();
                case ImageSource.Url u -> u.url();
            }));
            case ContentBlock.Document d -> document(d, into);
            default -> throw new IllegalArgumentException("a user turn cannot hold " + block.getClass().getSimpleName());
        }
    }

    private void document(ContentBlock.Document document, List<Part> into) {
        switch (document.source()) {
            case DocumentSource.PlainText t -> into.add(Part.text(documentText(document, t.text())));
            case DocumentSource.Blocks b -> b.content().forEach(block -> parts(block, into));
            case DocumentSource.Pdf p -> into.add(Part.file(document.title() != null ? document.title() : "document.pdf",
                    "data:application/pdf;base64," + p.base64Data()));
        }
    }

    private static String documentText(ContentBlock.Document document, String text) {
        StringBuilder open = new StringBuilder("<document");
        if (document.title() != null) {
            open.append(" title=\"").append(document.title().replace("\"", "&quot;")).append('"');
        }
        open.append(">\n");
        if (document.context() != null) {
            open.append(document.context()).append("\n\n");
        }
        return open.append(text).append("\n</document>").toString();
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

    /** Only text: a plain string, which every server accepts; otherwise the parts. */
    private static Object content(List<Part> parts) {
        if (parts.stream().allMatch(p -> p.type().equals("text"))) {
            StringBuilder text = new StringBuilder();
            for (Part p : parts) {
                text.append(text.isEmpty() ? "" : "\n\n").append(p.text());
            }
            return text.toString();
        }
        return List.copyOf(parts);
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
}
