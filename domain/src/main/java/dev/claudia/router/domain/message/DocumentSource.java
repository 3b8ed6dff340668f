package dev.claudia.router.domain.message;

import java.util.List;
import java.util.Objects;

/** The body of a {@link ContentBlock.Document}. */
public sealed interface DocumentSource {

    /** A plain-text document. */
    record PlainText(String text) implements DocumentSource {
        public PlainText {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A document given as content blocks (text and images). */
    record Blocks(List<ContentBlock> content) implements DocumentSource {
        public Blocks {
            content = List.copyOf(content);
        }
    }

    /** A PDF, base64 encoded. Only providers that accept OpenAI {@code file} parts can read it. */
    record Pdf(String base64Data) implements DocumentSource {
        public Pdf {
            Objects.requireNonNull(base64Data, "base64Data");
        }
    }
}
