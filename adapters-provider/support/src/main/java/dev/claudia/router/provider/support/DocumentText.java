package dev.claudia.router.provider.support;

import dev.claudia.router.domain.message.ContentBlock;

/**
 * A text document as the text a model reads: {@code <document title="...">}, its context, the text,
 * {@code </document>}. For upstreams without a document type (chat completions, Responses).
 */
public final class DocumentText {

    private DocumentText() {}

    public static String of(ContentBlock.Document document, String text) {
        StringBuilder open = new StringBuilder("<document");
        if (document.title() != null) {
            open.append(" title=\"").append(document.title().replace("\"", "&quot;")).append('"');
        }
        open.append(">\n");
        if (document.context() != null && !document.context().isBlank()) {
            open.append(document.context()).append("\n\n");
        }
        return open.append(text).append("\n</document>").toString();
    }
}
