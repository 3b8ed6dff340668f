package dev.claudia.router.adapters.http.wire;

import java.util.List;

/**
 * The {@code data:} payloads of Anthropic server-sent events; each {@code type} equals the event
 * name on the frame's {@code event:} line.
 *
 * @see <a href="https://docs.claude.com/en/api/messages-streaming">Streaming Messages</a>
 */
public final class StreamBodies {

    private StreamBodies() {}

    public record MessageStart(String type, StartMessage message) {}

    /** The message skeleton in message_start: empty content, no stop reason yet. */
    public record StartMessage(String id, String type, String role, String model, List<Object> content,
                               String stopReason, String stopSequence, StreamUsage usage) {}

    public record StreamUsage(int inputTokens, int outputTokens, int cacheCreationInputTokens,
                              int cacheReadInputTokens) {}

    public record BlockStart(String type, int index, Object contentBlock) {}

    public record EmptyText(String type, String text) {}

    public record EmptyThinking(String type, String thinking, String signature) {}

    public record EmptyToolUse(String type, String id, String name, Object input, BlockBody.Caller caller) {}

    public record RedactedThinking(String type, String data) {}

    public record BlockStop(String type, int index) {}

    public record MessageDelta(String type, StopDelta delta, StreamUsage usage) {}

    public record StopDelta(String stopReason, String stopSequence) {}

    public record TypeOnly(String type) {}
}
