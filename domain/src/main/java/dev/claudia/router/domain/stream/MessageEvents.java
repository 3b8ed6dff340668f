package dev.claudia.router.domain.stream;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.Usage;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a finished message into the event stream that would have produced it, so a streaming
 * client can be served from a provider that only answers whole (capabilities.streaming = false).
 * The inverse of {@link MessageAccumulator}.
 */
public final class MessageEvents {

    private MessageEvents() {}

    public static List<StreamEvent> of(MessageResponse message) {
        List<StreamEvent> events = new ArrayList<>();
        Usage usage = message.usage();
        events.add(new StreamEvent.MessageStarted(message.id(), message.model(), usage.withOutputTokens(0)));
        int index = 0;
        for (ContentBlock block : message.content()) {
            addBlock(events, index++, block);
        }
        events.add(new StreamEvent.MessageDelta(message.stopReason(), message.stopSequence(), usage));
        events.add(new StreamEvent.MessageStopped());
        return events;
    }

    /** The events as a stream that hands them out one by one. */
    public static EventStream streamOf(MessageResponse message) {
        List<StreamEvent> events = of(message);
        return new EventStream() {
            private int next;

            @Override
            public StreamEvent next() {
                return next < events.size() ? events.get(next++) : null;
            }

            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public void close() {
                next = events.size();
            }
        };
    }

    private static void addBlock(List<StreamEvent> events, int index, ContentBlock block) {
        switch (block) {
            case ContentBlock.Text t -> {
                events.add(new StreamEvent.BlockStarted(index, new BlockStart.Text()));
                if (!t.text().isEmpty()) {
                    events.add(new StreamEvent.BlockDelta(index, new Delta.Text(t.text())));
                }
            }
            case ContentBlock.Thinking t -> {
                events.add(new StreamEvent.BlockStarted(index, new BlockStart.Thinking()));
                if (!t.thinking().isEmpty()) {
                    events.add(new StreamEvent.BlockDelta(index, new Delta.Thinking(t.thinking())));
                }
                events.add(new StreamEvent.BlockDelta(index, new Delta.Signature(t.signature())));
            }
            case ContentBlock.ToolUse t -> {
                events.add(new StreamEvent.BlockStarted(index, new BlockStart.ToolUse(t.id(), t.name())));
                events.add(new StreamEvent.BlockDelta(index, new Delta.InputJson(t.input().text())));
            }
            case ContentBlock.RedactedThinking r ->
                    events.add(new StreamEvent.BlockStarted(index, new BlockStart.RedactedThinking(r.data())));
            case ContentBlock.Image i -> throw new IllegalArgumentException("an assistant message cannot contain an image");
            case ContentBlock.Document d -> throw new IllegalArgumentException("an assistant message cannot contain a document");
            case ContentBlock.ToolResult r -> throw new IllegalArgumentException("an assistant message cannot contain a tool result");
            case ContentBlock.ToolReference r -> throw new IllegalArgumentException("an assistant message cannot contain a tool reference");
        }
        events.add(new StreamEvent.BlockStopped(index));
    }
}
