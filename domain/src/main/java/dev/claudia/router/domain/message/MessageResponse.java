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
 */
public record MessageResponse(String id, String model, List<ContentBlock> content, StopReason stopReason,
                              String stopSequence, Usage usage) {
    public MessageResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        content = List.copyOf(content);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(usage, "usage");
    }
}
