package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.Part;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.ImageSource;
import dev.claudia.router.provider.support.DocumentText;
import dev.claudia.router.provider.support.DeferredTools;

import java.util.List;

/**
 * User content blocks to OpenAI content parts (docs/translation.md, "Requests"): text, images as {@code image_url}
 * (data URLs for inline bytes), plain-text documents as a {@code <document>} text part, block
 * documents flattened, PDFs as {@code file} parts. Also the text of a tool result, because OpenAI
 * {@code tool} messages carry text only.
 */
final class ContentParts {

    /** Where a tool result's image went: most servers accept no images in {@code tool} messages. */
    static final String ATTACHED_BELOW = "[image attached in the next message]";
    static final String TOOL_ERROR = "[tool error] ";

    private ContentParts() {}

    /** Appends the parts of one user block. */
    static void add(ContentBlock block, List<Part> into) {
        switch (block) {
            case ContentBlock.Text t -> into.add(Part.text(t.text()));
            case ContentBlock.Image i -> into.add(Part.image(switch (i.source()) {
                case ImageSource.Base64 b -> b.dataUrl();
                case ImageSource.Url u -> u.url();
            }));
            case ContentBlock.Document d -> document(d, into);
            case ContentBlock.ToolUse t -> throw notUserContent(t);
            case ContentBlock.ToolResult r -> throw notUserContent(r);
            // Anthropic expands a reference into the tool's definition; here the definition is in
            // the request's functions (ToolsMapper), so the model is told it may call it now.
            case ContentBlock.ToolReference r -> into.add(Part.text(DeferredTools.loadedText(r.toolName())));
            case ContentBlock.Thinking t -> throw notUserContent(t);
            case ContentBlock.RedactedThinking r -> throw notUserContent(r);
        }
    }

    /**
     * The text of a tool result: its text parts joined by LF, {@code [tool error] } first when the
     * call failed (OpenAI has no error flag), and a placeholder for each non-text part, which is
     * appended to {@code attachments} for a user message that follows the tool messages.
     */
    static String toolResultText(ContentBlock.ToolResult result, List<Part> attachments) {
        // Nearly every result Claude Code sends is one text (a file, a command's output): that
        // string is the answer as it is, not a copy made through a builder.
        if (!result.isError() && result.content().size() == 1
                && result.content().getFirst() instanceof ContentBlock.Text t) {
            return t.text();
        }
        StringBuilder text = new StringBuilder(result.isError() ? TOOL_ERROR : "");
        List<Part> parts = new java.util.ArrayList<>();
        for (ContentBlock block : result.content()) {
            add(block, parts);
        }
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            Part part = parts.get(i);
            if (part.type().equals("text")) {
                text.append(part.text());
            } else {
                text.append(ATTACHED_BELOW);
                attachments.add(part);
            }
        }
        return text.toString();
    }

    /** Only text: one plain string, which every server accepts (many local ones choke on arrays); otherwise the parts. */
    static Object content(List<Part> parts) {
        for (Part p : parts) {
            if (!p.type().equals("text")) {
                return List.copyOf(parts);
            }
        }
        if (parts.size() == 1) {
            return parts.getFirst().text();
        }
        StringBuilder text = new StringBuilder();
        for (Part p : parts) {
            text.append(text.isEmpty() ? "" : "\n\n").append(p.text());
        }
        return text.toString();
    }

    private static void document(ContentBlock.Document document, List<Part> into) {
        switch (document.source()) {
            case DocumentSource.PlainText t -> into.add(Part.text(DocumentText.of(document, t.text())));
            case DocumentSource.Blocks b -> b.content().forEach(block -> add(block, into));
            case DocumentSource.Pdf p -> into.add(Part.file(document.title() != null ? document.title() : "document.pdf",
                    "data:application/pdf;base64," + p.base64Data()));
        }
    }

    private static IllegalArgumentException notUserContent(ContentBlock block) {
        return new IllegalArgumentException("a user turn cannot hold " + block.getClass().getSimpleName());
    }
}
