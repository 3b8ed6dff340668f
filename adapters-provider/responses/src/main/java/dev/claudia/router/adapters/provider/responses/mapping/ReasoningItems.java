package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.ContentBlock;

import java.util.Optional;

/**
 * A Responses {@code reasoning} output item as an Anthropic block, for whole answers and streams
 * alike. With text (its summary parts, or the raw {@code reasoning_text} parts some servers return),
 * it is a thinking block whose signature carries the item; without text but with something to send
 * back (encrypted content, or an id the provider keeps with {@code store}), a redacted thinking block
 * carrying the same; with neither, nothing (there is nothing to show and nothing to send back).
 */
public final class ReasoningItems {

    /** Between summary parts: each is a paragraph of its own. */
    public static final String PART_SEPARATOR = "\n\n";

    private ReasoningItems() {}

    /** The item's summary texts, then its reasoning texts, joined by blank lines. */
    public static String text(JsonNode item) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {"summary", "content"}) {
            for (JsonNode part : item.path(field)) {
                String t = ResponsesJson.text(part, "text");
                if (t != null && !t.isEmpty()) {
                    text.append(text.isEmpty() ? "" : PART_SEPARATOR).append(t);
                }
            }
        }
        return text.toString();
    }

    /** The signature (or redacted data) that carries this item back. */
    public static String carrier(String source, String id, JsonNode item) {
        return ReasoningSignatures.encode(new ReasoningSignatures.Carried(source, id == null ? "" : id,
                item == null ? null : ResponsesJson.text(item, "encrypted_content")));
    }

    /** True when the provider can take the item back: it has encrypted content, or the provider stored it. */
    public static boolean canGoBack(JsonNode item, boolean store) {
        return ResponsesJson.text(item, "encrypted_content") != null || store && ResponsesJson.text(item, "id") != null;
    }

    /** The block for a whole reasoning item, or empty (see the class comment). */
    public static Optional<ContentBlock> block(JsonNode item, String source, boolean store) {
        String id = ResponsesJson.text(item, "id");
        String text = text(item);
        if (!text.isEmpty()) {
            return Optional.of(new ContentBlock.Thinking(text, carrier(source, id, item)));
        }
        if (canGoBack(item, store)) {
            return Optional.of(new ContentBlock.RedactedThinking(carrier(source, id, item)));
        }
        return Optional.empty();
    }
}
