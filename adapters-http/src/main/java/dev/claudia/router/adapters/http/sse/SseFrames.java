package dev.claudia.router.adapters.http.sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.claudia.router.adapters.http.mapping.Errors;
import dev.claudia.router.adapters.http.wire.BlockBody;
import dev.claudia.router.adapters.http.wire.ErrorBody;
import dev.claudia.router.adapters.http.wire.StreamBodies;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Formats domain stream events as Anthropic server-sent events: an {@code event:} line (clients
 * drop frames without one; https://docs.anthropic.com/en/api/messages-streaming), one {@code data:} line of JSON whose {@code type}
 * equals the event name, and a blank line. Stateless apart from the JSON writer. A provider's own
 * events ({@link StreamEvent.Forwarded}) are written as they came.
 */
public final class SseFrames {

    static final byte[] PING = frame("ping", "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    private static final Map<String, Object> EMPTY_INPUT = Map.of();

    private final ObjectWriter json;

    public SseFrames(ObjectMapper mapper) {
        this.json = mapper.writer();
    }

    /** The bytes of one frame. {@code requestId} goes into error frames. */
    public byte[] encode(StreamEvent event, String requestId) {
        return switch (event) {
            case StreamEvent.MessageStarted s -> frame("message_start", new StreamBodies.MessageStart("message_start",
                    new StreamBodies.StartMessage(s.id(), "message", "assistant", s.model(), List.of(), null, null,
                            usage(s.usage()))));
            case StreamEvent.BlockStarted b -> frame("content_block_start",
                    new StreamBodies.BlockStart("content_block_start", b.index(), emptyBlock(b.block())));
            case StreamEvent.BlockDelta d -> delta(d.index(), d.delta());
            case StreamEvent.BlockStopped s -> frame("content_block_stop",
                    new StreamBodies.BlockStop("content_block_stop", s.index()));
            case StreamEvent.MessageDelta m -> frame("message_delta", new StreamBodies.MessageDelta("message_delta",
                    new StreamBodies.StopDelta(m.stopReason().wireName(), m.stopSequence()), usage(m.usage())));
            case StreamEvent.MessageStopped m -> frame("message_stop", new StreamBodies.TypeOnly("message_stop"));
            case StreamEvent.Ping p -> PING;
            case StreamEvent.StreamFailed f when f.failure().verbatim() != null -> verbatimError(f.failure().verbatim());
            case StreamEvent.StreamFailed f -> frame("error", ErrorBody.of(Errors.typeOf(f.failure().kind()),
                    f.failure().message(), requestId));
            case StreamEvent.Forwarded f -> f.frame().toByteArray();
        };
    }

    /**
     * A provider's own error body as an {@code error} event: its JSON unchanged, one {@code data:}
     * line per line of it (an SSE client joins them back with line feeds), so a pretty-printed
     * body cannot break the frame.
     */
    private static byte[] verbatimError(Verbatim body) {
        StringBuilder frame = new StringBuilder("event: error\n");
        for (String line : body.text().split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Blocks always start empty: Claude Code discards whatever a start carries (docs/translation.md, "Streams"). */
    private static Object emptyBlock(BlockStart block) {
        return switch (block) {
            case BlockStart.Text t -> new StreamBodies.EmptyText("text", "");
            case BlockStart.Thinking t -> new StreamBodies.EmptyThinking("thinking", "", "");
            case BlockStart.ToolUse t -> new StreamBodies.EmptyToolUse("tool_use", t.id(), t.name(), EMPTY_INPUT,
                    BlockBody.Caller.DIRECT);
            // Encrypted reasoning has no deltas: it is the one block that arrives whole.
            case BlockStart.RedactedThinking r -> new StreamBodies.RedactedThinking("redacted_thinking", r.data());
        };
    }

    private static final byte[] DELTA_HEAD = ("event: content_block_delta\ndata: "
            + "{\"type\":\"content_block_delta\",\"index\":").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELTA_TAIL = "\"}}\n\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Deltas are most of a stream's frames, so they are written directly (same JSON as the
     * records would give, with Jackson's string escaping) rather than through the object mapper.
     */
    private static byte[] delta(int index, Delta delta) {
        String[] typeAndField = switch (delta) {
            case Delta.Text t -> new String[] {"text_delta", "text", t.text()};
            case Delta.Thinking t -> new String[] {"thinking_delta", "thinking", t.thinking()};
            case Delta.Signature g -> new String[] {"signature_delta", "signature", g.signature()};
            case Delta.InputJson j -> new String[] {"input_json_delta", "partial_json", j.partialJson()};
        };
        byte[] value = JsonStringEncoder.getInstance().quoteAsUTF8(typeAndField[2]);
        ByteArrayOutputStream out = new ByteArrayOutputStream(DELTA_HEAD.length + value.length + 64);
        out.writeBytes(DELTA_HEAD);
        out.writeBytes(Integer.toString(index).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes((",\"delta\":{\"type\":\"" + typeAndField[0] + "\",\"" + typeAndField[1] + "\":\"")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.writeBytes(DELTA_TAIL);
        return out.toByteArray();
    }

    private static StreamBodies.StreamUsage usage(Usage usage) {
        return new StreamBodies.StreamUsage(usage.inputTokens(), usage.outputTokens(),
                usage.cacheCreationInputTokens(), usage.cacheReadInputTokens());
    }

    private byte[] frame(String name, Object payload) {
        try {
            return frame(name, json.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] frame(String name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + name.length() + 16);
        out.writeBytes(("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(new byte[] {'\n', '\n'});
        return out.toByteArray();
    }
}
