package dev.claudia.router.domain.stream;

import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamGrammarTest {

    private static final StreamEvent START = new StreamEvent.MessageStarted("msg_1", "m", Usage.ZERO);
    private static final StreamEvent END_DELTA = new StreamEvent.MessageDelta(StopReason.END_TURN, null, Usage.ZERO);
    private static final StreamEvent STOP = new StreamEvent.MessageStopped();

    private static StreamEvent text(int i) {
        return new StreamEvent.BlockStarted(i, new BlockStart.Text());
    }

    @Test
    void accepts_a_well_formed_stream_with_pings() {
        assertDoesNotThrow(() -> StreamGrammar.check(List.of(START, new StreamEvent.Ping(), text(0),
                new StreamEvent.BlockDelta(0, new Delta.Text("a")), new StreamEvent.BlockStopped(0),
                new StreamEvent.BlockStarted(1, new BlockStart.ToolUse("t", "n")),
                new StreamEvent.BlockDelta(1, new Delta.InputJson("{}")), new StreamEvent.BlockStopped(1),
                END_DELTA, STOP)));
    }

    @Test
    void rejects_a_stream_without_message_start() {
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(text(0))));
    }

    @Test
    void rejects_block_indexes_that_skip() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StreamGrammar.check(List.of(START, text(1))));
        assertTrue(e.getMessage().contains("block index 1 where 0 was expected"), e.getMessage());
    }

    @Test
    void rejects_interleaved_blocks() {
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(START, text(0), text(1))));
    }

    @Test
    void rejects_a_delta_of_the_wrong_kind() {
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(START, text(0),
                new StreamEvent.BlockDelta(0, new Delta.InputJson("{")))));
    }

    @Test
    void rejects_message_stop_without_message_delta() {
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(START, STOP)));
    }

    @Test
    void rejects_an_unfinished_stream() {
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(START, text(0))));
    }

    @Test
    void accepts_an_error_as_the_end() {
        assertDoesNotThrow(() -> StreamGrammar.check(List.of(START, text(0),
                new StreamEvent.StreamFailed(ProviderFailure.of(FailureKind.SERVER_ERROR, "b", "boom")))));
    }

    private static StreamEvent forwarded(StreamEvent.Forwarded.Kind kind) {
        return StreamEvent.Forwarded.of(Verbatim.of("event: x\ndata: {}\n\n"), kind);
    }

    @Test
    void checks_only_the_frame_of_a_forwarded_stream() {
        assertDoesNotThrow(() -> StreamGrammar.check(List.of(forwarded(StreamEvent.Forwarded.Kind.MESSAGE_START),
                forwarded(StreamEvent.Forwarded.Kind.BLOCK_START), forwarded(StreamEvent.Forwarded.Kind.PING),
                forwarded(StreamEvent.Forwarded.Kind.OTHER), forwarded(StreamEvent.Forwarded.Kind.BLOCK_DELTA),
                forwarded(StreamEvent.Forwarded.Kind.BLOCK_STOP), forwarded(StreamEvent.Forwarded.Kind.MESSAGE_DELTA),
                forwarded(StreamEvent.Forwarded.Kind.MESSAGE_STOP))), "indexes and event types are the provider's business");
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(
                forwarded(StreamEvent.Forwarded.Kind.BLOCK_START))), "nothing before message_start");
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(START,
                forwarded(StreamEvent.Forwarded.Kind.MESSAGE_START))), "one message_start only");
        assertThrows(IllegalStateException.class, () -> StreamGrammar.check(List.of(
                forwarded(StreamEvent.Forwarded.Kind.MESSAGE_START), forwarded(StreamEvent.Forwarded.Kind.MESSAGE_STOP),
                forwarded(StreamEvent.Forwarded.Kind.PING))), "nothing after message_stop");
    }

    @Test
    void translated_blocks_may_follow_a_forwarded_start_and_forwarded_blocks_a_translated_one() {
        assertDoesNotThrow(() -> StreamGrammar.check(List.of(forwarded(StreamEvent.Forwarded.Kind.MESSAGE_START),
                forwarded(StreamEvent.Forwarded.Kind.PING), text(0), new StreamEvent.BlockStopped(0), END_DELTA, STOP)));
        assertDoesNotThrow(() -> StreamGrammar.check(List.of(START, forwarded(StreamEvent.Forwarded.Kind.BLOCK_START),
                forwarded(StreamEvent.Forwarded.Kind.BLOCK_STOP), forwarded(StreamEvent.Forwarded.Kind.MESSAGE_DELTA),
                forwarded(StreamEvent.Forwarded.Kind.MESSAGE_STOP))));
    }
}
