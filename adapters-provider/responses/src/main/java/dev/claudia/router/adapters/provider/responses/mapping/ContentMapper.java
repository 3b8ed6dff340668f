package dev.claudia.router.adapters.provider.responses.mapping;

import dev.claudia.router.adapters.provider.responses.wire.InputItem.Part;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.ImageSource;
import dev.claudia.router.provider.support.DocumentText;
import dev.claudia.router.provider.support.DeferredTools;

import java.util.ArrayList;
import java.util.List;

/**
 * User content to Responses content parts: text as {@code input_text}, images as {@code input_image}
 * (a data URL for inline bytes), plain-text documents as a {@code <document>} text part, block
 * documents flattened, PDFs as {@code input_file}. And a tool result as a {@code function_call_output}'s
 * {@code output}: plain text when it is only text, else the parts (the Responses API takes images and
 * files in tool output, unlike chat completions).
 */
final class ContentMapper {

    static final String TOOL_ERROR = "[tool error] ";

    private ContentMapper() {}

    /** Appends the parts of one user block. */
    static void add(ContentBlock block, List<Part> into) {
        switch (block) {
            case ContentBlock.Text t -> into.add(Part.text(t.text()));
            case ContentBlock.Image i -> into.add(Part.image(switch (i.source()) {
                case ImageSource.Base64 b -> b.dataUrl();
                case ImageSource.Url u -> u.url();
            }));
            case ContentBlock.Document d -> document(d, into);
            case ContentBlock.ToolReference r -> into.add(Part.text(DeferredTools.loadedText(r.toolName())));
            case ContentBlock.ToolUse t -> throw notUserContent(t);
            case ContentBlock.ToolResult r -> throw notUserContent(r);
            case ContentBlock.Thinking t -> throw notUserContent(t);
            case ContentBlock.RedactedThinking r -> throw notUserContent(r);
        }
    }

    /**
     * The output of a tool call: a string (its texts joined by LF) or, with images or files, a list of
     * parts. A failed call starts with {@code [tool error] }: the Responses API has no error flag.
     */
    static Object toolOutput(ContentBlock.ToolResult result) {
        List<Part> parts = new ArrayList<>();
        result.content().forEach(block -> add(block, parts));
        if (parts.stream().allMatch(Part::textual)) {
            StringBuilder text = new StringBuilder(result.isError() ? TOOL_ERROR : "");
            for (int i = 0; i < parts.size(); i++) {
                text.append(i == 0 ? "" : "\n").append(parts.get(i).text());
            }
            return text.toString();
        }
        if (result.isError()) {
            parts.addFirst(Part.text(TOOL_ERROR.strip()));
        }
        return List.copyOf(parts);
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
