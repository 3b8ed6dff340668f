package dev.claudia.router.adapters.provider.responses.stream;

import dev.claudia.router.adapters.provider.responses.mapping.ReasoningItems;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;

import java.util.List;
import java.util.function.Function;

/**
 * The Anthropic blocks of one stream, as the translator opens, feeds and closes them: indexed 0, 1,
 * 2... in order, one open at a time, each started empty and given its content as deltas. A text or
 * thinking block belongs to one output item of the provider's: content of another item closes it.
 * A thinking block closes with one signature, which says how to send its reasoning item back.
 * Everything generated is kept for an output estimate when the provider reports no usage.
 */
final class Blocks {

    private enum Open { NONE, TEXT, THINKING }

    private final StringBuilder generated = new StringBuilder();
    /** A reasoning item's signature from its id alone, for an item whose done event never came. */
    private final Function<String, String> signatureOf;
    private Open open = Open.NONE;
    private String openItem;
    private String openPart;
    private int next;

    Blocks(Function<String, String> signatureOf) {
        this.signatureOf = signatureOf;
    }

    /** A piece of the text of message item {@code item}. */
    void text(String item, String delta, List<StreamEvent> out) {
        if (open != Open.TEXT || !item.equals(openItem)) {
            close(out);
            out.add(new StreamEvent.BlockStarted(next, new BlockStart.Text()));
            open = Open.TEXT;
            openItem = item;
        }
        generated.append(delta);
        out.add(new StreamEvent.BlockDelta(next, new Delta.Text(delta)));
    }

    /** A piece of part {@code part} (a summary or reasoning text) of reasoning item {@code item}. */
    void thinking(String item, String part, String delta, List<StreamEvent> out) {
        if (open != Open.THINKING || !item.equals(openItem)) {
            close(out);
            out.add(new StreamEvent.BlockStarted(next, new BlockStart.Thinking()));
            open = Open.THINKING;
            openItem = item;
            openPart = part;
        } else if (!part.equals(openPart)) {
            openPart = part;
            delta = ReasoningItems.PART_SEPARATOR + delta;
        }
        generated.append(delta);
        out.add(new StreamEvent.BlockDelta(next, new Delta.Thinking(delta)));
    }

    /** True while a block of output item {@code item} is open. */
    boolean isOpen(String item) {
        return open != Open.NONE && item.equals(openItem);
    }

    /** Closes the open block; a thinking block gets the signature its item's id alone makes. */
    void close(List<StreamEvent> out) {
        close(open == Open.THINKING ? signatureOf.apply(openItem) : null, out);
    }

    /** Closes the open block; a thinking block first gets {@code signature}, its one signature delta. */
    void close(String signature, List<StreamEvent> out) {
        if (open == Open.THINKING) {
            out.add(new StreamEvent.BlockDelta(next, new Delta.Signature(signature)));
        }
        if (open != Open.NONE) {
            out.add(new StreamEvent.BlockStopped(next++));
        }
        open = Open.NONE;
        openItem = null;
    }

    /** A whole block at once (a tool use, redacted thinking, or content a server sent only in its done event). */
    void whole(ContentBlock block, List<StreamEvent> out) {
        close(out);
        int index = next++;
        switch (block) {
            case ContentBlock.ToolUse t -> {
                out.add(new StreamEvent.BlockStarted(index, new BlockStart.ToolUse(t.id(), t.name())));
                out.add(new StreamEvent.BlockDelta(index, new Delta.InputJson(t.input().text())));
                generated.append(t.input().text());
            }
            case ContentBlock.RedactedThinking r ->
                    out.add(new StreamEvent.BlockStarted(index, new BlockStart.RedactedThinking(r.data())));
            case ContentBlock.Thinking t -> {
                out.add(new StreamEvent.BlockStarted(index, new BlockStart.Thinking()));
                out.add(new StreamEvent.BlockDelta(index, new Delta.Thinking(t.thinking())));
                out.add(new StreamEvent.BlockDelta(index, new Delta.Signature(t.signature())));
                generated.append(t.thinking());
            }
            case ContentBlock.Text t -> {
                out.add(new StreamEvent.BlockStarted(index, new BlockStart.Text()));
                out.add(new StreamEvent.BlockDelta(index, new Delta.Text(t.text())));
                generated.append(t.text());
            }
            default -> throw new IllegalArgumentException("not an answer block: " + block);
        }
        out.add(new StreamEvent.BlockStopped(index));
    }

    /** Clients expect at least one block: an empty text block when the answer had none. */
    void atLeastOne(List<StreamEvent> out) {
        close(out);
        if (next == 0) {
            out.add(new StreamEvent.BlockStarted(next, new BlockStart.Text()));
            out.add(new StreamEvent.BlockStopped(next++));
        }
    }

    String generated() {
        return generated.toString();
    }
}
