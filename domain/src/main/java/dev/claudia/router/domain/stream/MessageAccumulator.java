package dev.claudia.router.domain.stream;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds a stream into the message it describes, the way Anthropic's SDKs do. It serves
 * non-streaming callers on stream-only routes and is the oracle of the equivalence tests
 * (folding the translated stream must equal translating the whole answer).
 */
public final class MessageAccumulator {

    private String id;
    private String model;
    private Usage usage = Usage.ZERO;
    private StopReason stopReason;
    private String stopSequence;
    private final List<ContentBlock> content = new ArrayList<>();
    private BlockStart open;
    private final StringBuilder buffer = new StringBuilder();
    private String signature = "";
    private boolean stopped;

    /** Folds one event; a {@link StreamEvent.StreamFailed} is rethrown as its failure. */
    public void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.MessageStarted s -> {
                id = s.id();
                model = s.model();
                usage = s.usage();
            }
            case StreamEvent.BlockStarted b -> {
                open = b.block();
                buffer.setLength(0);
                signature = "";
            }
            case StreamEvent.BlockDelta d -> {
                switch (d.delta()) {
                    case Delta.Text t -> buffer.append(t.text());
                    case Delta.Thinking t -> buffer.append(t.thinking());
                    case Delta.InputJson j -> buffer.append(j.partialJson());
                    case Delta.Signature s -> signature = s.signature();
                }
            }
            case StreamEvent.BlockStopped s -> {
                content.add(finishBlock());
                open = null;
            }
            case StreamEvent.MessageDelta m -> {
                stopReason = m.stopReason();
                stopSequence = m.stopSequence();
                usage = m.usage();
            }
            case StreamEvent.MessageStopped m -> stopped = true;
            case StreamEvent.Ping p -> { }
            case StreamEvent.StreamFailed f -> throw new ProviderException(f.failure());
            case StreamEvent.Forwarded f -> throw new ProviderException(ProviderFailure.of(FailureKind.UNSUPPORTED, "router",
                    "a stream passed through in the provider's own format cannot be folded into one message; keep "
                            + "capabilities.streaming at true for this profile"));
        }
    }

    /** Drains a stream completely and returns the folded message; closes the stream. */
    public static MessageResponse fold(EventStream stream) {
        try (stream) {
            MessageAccumulator accumulator = new MessageAccumulator();
            for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                accumulator.accept(e);
            }
            return accumulator.result();
        }
    }

    /** The folded message; the stream must have reached message_stop. */
    public MessageResponse result() {
        if (!stopped || id == null) {
            throw new IllegalStateException("the stream ended before message_stop");
        }
        return new MessageResponse(id, model, content, stopReason, stopSequence, usage);
    }

    private ContentBlock finishBlock() {
        String text = buffer.toString();
        return switch (open) {
            case BlockStart.Text t -> new ContentBlock.Text(text);
            case BlockStart.Thinking t -> new ContentBlock.Thinking(text, signature);
            case BlockStart.ToolUse t -> new ContentBlock.ToolUse(t.id(), t.name(),
                    text.isBlank() ? RawJson.EMPTY_OBJECT : new RawJson(text));
            case BlockStart.RedactedThinking r -> new ContentBlock.RedactedThinking(r.data());
            case null -> throw new IllegalStateException("content_block_stop without a block");
        };
    }
}
