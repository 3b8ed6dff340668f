package dev.claudia.router.domain.stream;

import java.util.List;

/**
 * Checks a sequence of events against the Anthropic stream grammar that clients rely on
 * (https://docs.anthropic.com/en/api/messages-streaming): message_start first, blocks indexed 0, 1, 2... in order and never
 * interleaved, deltas only for the open block and of its kind, a message_delta before
 * message_stop, and nothing after the end. Used by tests of every module that makes streams and,
 * defensively, by the HTTP adapter.
 */
public final class StreamGrammar {

    private enum Phase { BEFORE_START, BETWEEN_BLOCKS, IN_BLOCK, AFTER_DELTA, FORWARDING, ENDED }

    private Phase phase = Phase.BEFORE_START;
    private int nextIndex;
    private BlockStart open;
    private int count;

    /** Feeds one event; throws {@link IllegalStateException} naming the first violation. */
    public void accept(StreamEvent event) {
        count++;
        switch (event) {
            case StreamEvent.MessageStarted s -> {
                require(phase == Phase.BEFORE_START, "message_start must come first and only once");
                phase = Phase.BETWEEN_BLOCKS;
            }
            case StreamEvent.Ping p -> require(phase != Phase.BEFORE_START && phase != Phase.ENDED,
                    "ping outside the message");
            case StreamEvent.BlockStarted b -> {
                require(phase == Phase.BETWEEN_BLOCKS, "content_block_start while a block is open or after message_delta");
                require(b.index() == nextIndex, "block index " + b.index() + " where " + nextIndex + " was expected");
                open = b.block();
                phase = Phase.IN_BLOCK;
            }
            case StreamEvent.BlockDelta d -> {
                require(phase == Phase.IN_BLOCK && d.index() == nextIndex, "delta for block " + d.index() + " which is not open");
                require(fits(open, d.delta()), d.delta().getClass().getSimpleName() + " delta in a "
                        + open.getClass().getSimpleName() + " block");
            }
            case StreamEvent.BlockStopped s -> {
                require(phase == Phase.IN_BLOCK && s.index() == nextIndex, "content_block_stop for block " + s.index() + " which is not open");
                nextIndex++;
                open = null;
                phase = Phase.BETWEEN_BLOCKS;
            }
            case StreamEvent.MessageDelta m -> {
                require(phase == Phase.BETWEEN_BLOCKS || phase == Phase.AFTER_DELTA, "message_delta while a block is open");
                phase = Phase.AFTER_DELTA;
            }
            case StreamEvent.MessageStopped m -> {
                require(phase == Phase.AFTER_DELTA, "message_stop without a message_delta before it");
                phase = Phase.ENDED;
            }
            case StreamEvent.StreamFailed f -> {
                require(phase != Phase.ENDED, "error after message_stop");
                phase = Phase.ENDED;
            }
            case StreamEvent.Forwarded f -> forwarded(f.kind());
        }
    }

    /**
     * The provider's own events: the router does not read their indexes, so only the frame of the
     * message is checked (one start first, nothing after the stop). Translated blocks may follow a
     * forwarded start: a fallback to another kind of adapter before any content was sent.
     */
    private void forwarded(StreamEvent.Forwarded.Kind kind) {
        switch (kind) {
            case MESSAGE_START -> require(phase == Phase.BEFORE_START, "message_start must come first and only once");
            case MESSAGE_STOP -> require(phase != Phase.BEFORE_START && phase != Phase.ENDED, "message_stop outside the message");
            default -> require(phase != Phase.BEFORE_START && phase != Phase.ENDED, kind + " outside the message");
        }
        phase = switch (kind) {
            // What follows a forwarded start may be our own blocks (a fallback before any content).
            case MESSAGE_START -> Phase.BETWEEN_BLOCKS;
            case MESSAGE_STOP -> Phase.ENDED;
            case PING -> phase;
            default -> Phase.FORWARDING;
        };
    }

    /** True once message_stop or an error ended the stream. */
    public boolean ended() {
        return phase == Phase.ENDED;
    }

    /** Checks a whole, finished stream. */
    public static void check(List<StreamEvent> events) {
        StreamGrammar grammar = new StreamGrammar();
        events.forEach(grammar::accept);
        if (!grammar.ended()) {
            throw new IllegalStateException("stream did not end with message_stop or an error");
        }
    }

    private static boolean fits(BlockStart block, Delta delta) {
        return switch (delta) {
            case Delta.Text t -> block instanceof BlockStart.Text;
            case Delta.Thinking t -> block instanceof BlockStart.Thinking;
            case Delta.Signature s -> block instanceof BlockStart.Thinking;
            case Delta.InputJson j -> block instanceof BlockStart.ToolUse;
        };
    }

    private void require(boolean condition, String violation) {
        if (!condition) {
            throw new IllegalStateException("event " + count + ": " + violation);
        }
    }
}
