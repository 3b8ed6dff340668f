package dev.claudia.router.domain.message;

import java.util.List;
import java.util.Objects;

/**
 * A finished assistant message.
 *
 * @param id           our message id ({@code msg_...}), never the provider's
 * @param model        the model name the caller asked for (echoed, as Claude Code keys costs and context on it)
 * @param content      thinking, then text, then tool calls
 * @param stopSequence the stop sequence that matched, or null
 * @param verbatim     null for a translated answer. Otherwise the provider's own answer, in Anthropic's
 *                     format, which the router writes to the caller unchanged (a pass-through adapter's):
 *                     the other fields are then only a summary for the request log (id, model, stop
 *                     reason, usage; {@code content} is empty and {@code stopReason} may be null when
 *                     the provider's is one this router does not know)
 */
public record MessageResponse(String id, String model, List<ContentBlock> content, StopReason stopReason,
                              String stopSequence, Usage usage, Verbatim verbatim) {
    public MessageResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        content = List.copyOf(content);
        if (verbatim == null) {
            Objects.requireNonNull(stopReason, "stopReason");
        }
        Objects.requireNonNull(usage, "usage");
    }

    /** A translated answer. */
    public MessageResponse(String id, String model, List<ContentBlock> content, StopReason stopReason,
                           String stopSequence, Usage usage) {
        this(id, model, content, stopReason, stopSequence, usage, null);
    }

    /** A provider's answer passed through: its bytes, and what the request log needs to know of it. */
    public static MessageResponse verbatim(Verbatim body, String id, String model, StopReason stopReason, Usage usage) {
        return new MessageResponse(id, model, List.of(), stopReason, null, usage, Objects.requireNonNull(body, "body"));
    }
}
