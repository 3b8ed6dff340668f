package dev.claudia.router.domain.stream;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageEventsTest {

    private final MessageResponse message = new MessageResponse("msg_1", "claude-x", List.of(
            new ContentBlock.Thinking("hmm", "sig"),
            new ContentBlock.Text("Let me look."),
            new ContentBlock.ToolUse("toolu_1", "Read", new RawJson("{\"file_path\":\"/a\"}")),
            new ContentBlock.RedactedThinking("opaque")),
            StopReason.TOOL_USE, null, new Usage(10, 20, 3, 0, 5, false));

    @Test
    void a_message_turned_into_events_and_folded_back_is_the_same_message() {
        List<StreamEvent> events = MessageEvents.of(message);
        StreamGrammar.check(events);
        MessageAccumulator acc = new MessageAccumulator();
        events.forEach(acc::accept);
        assertEquals(message, acc.result());
    }

    @Test
    void blocks_start_empty_and_carry_content_only_in_deltas() {
        List<StreamEvent> events = MessageEvents.of(message);
        assertEquals(new StreamEvent.BlockStarted(2, new dev.claudia.router.domain.stream.BlockStart.ToolUse("toolu_1", "Read")),
                events.stream().filter(e -> e instanceof StreamEvent.BlockStarted b && b.index() == 2).findFirst().orElseThrow());
    }

    @Test
    void message_start_carries_the_input_estimate_but_no_output_yet() {
        StreamEvent.MessageStarted start = (StreamEvent.MessageStarted) MessageEvents.of(message).getFirst();
        assertEquals(10, start.usage().inputTokens());
        assertEquals(0, start.usage().outputTokens());
    }

    @Test
    void folding_a_failed_stream_rethrows_the_failure() {
        MessageAccumulator acc = new MessageAccumulator();
        ProviderFailure failure = ProviderFailure.of(FailureKind.OVERLOADED, "b", "busy");
        ProviderException e = assertThrows(ProviderException.class,
                () -> acc.accept(new StreamEvent.StreamFailed(failure)));
        assertEquals(failure, e.failure());
    }

    @Test
    void an_empty_tool_input_folds_to_an_empty_object() {
        MessageAccumulator acc = new MessageAccumulator();
        acc.accept(new StreamEvent.MessageStarted("m", "x", Usage.ZERO));
        acc.accept(new StreamEvent.BlockStarted(0, new BlockStart.ToolUse("t", "n")));
        acc.accept(new StreamEvent.BlockStopped(0));
        acc.accept(new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, Usage.ZERO));
        acc.accept(new StreamEvent.MessageStopped());
        assertEquals(RawJson.EMPTY_OBJECT, ((ContentBlock.ToolUse) acc.result().content().getFirst()).input());
    }
}
