package dev.claudia.router.adapters.provider.openai.stream;

import dev.claudia.router.adapters.provider.openai.mapping.ToolCalls;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The tool calls of one stream: fragments are collected in a {@link ToolCallAccumulator} and
 * leave as whole blocks, each a start, ONE input delta with the validated (or repaired) arguments,
 * and a stop.
 *
 * <p>Why buffer instead of forwarding each fragment: Anthropic content blocks cannot interleave
 * while parallel OpenAI calls do; arguments can only be repaired once they are complete, and a
 * delta already sent cannot be taken back; and Claude Code runs tools only after the message has
 * ended, so holding calls back delays nothing a user sees. Buffering guarantees that the
 * concatenated {@code partial_json} of every block parses.
 */
final class ToolBlocks {

    private final ToolCallAccumulator pending = new ToolCallAccumulator();
    private final List<ToolCallAccumulator.Call> recovered = new ArrayList<>();
    private final ToolCalls calls;
    private final boolean signatures;
    private boolean made;

    ToolBlocks(IdGenerator ids, String backend) {
        this(ids, backend, UnaryOperator.identity(), false);
    }

    /**
     * @param names      the client's name for a name the provider used
     * @param signatures carry the calls' thought signatures in their ids (Gemini)
     */
    ToolBlocks(IdGenerator ids, String backend, UnaryOperator<String> names, boolean signatures) {
        this.calls = new ToolCalls(ids, backend, names);
        this.signatures = signatures;
    }

    /** A whole call recovered from the text ({@code toolCallsInText}), emitted in turn with the others. */
    void addWhole(String name, String arguments) {
        ToolCallAccumulator.Call call = new ToolCallAccumulator.Call();
        call.name = name;
        call.arguments.append(arguments);
        recovered.add(call);
    }

    /** Collects the {@code delta.tool_calls} array of one chunk. */
    void collect(List<Chunk.Fragment> fragments) {
        for (int i = 0; i < fragments.size(); i++) {
            pending.add(fragments.get(i), i);
        }
    }

    boolean pending() {
        return !pending.isEmpty() || !recovered.isEmpty();
    }

    /** True once any call was emitted: the stop reason becomes {@code tool_use}. */
    boolean made() {
        return made;
    }

    /**
     * Emits the collected calls in first-seen order from block {@code index} on, appending their
     * arguments to {@code generated} (for output estimates).
     *
     * @return the next free block index
     * @throws ProviderException (MALFORMED_RESPONSE) when a call has no name or arguments beyond repair
     */
    int flush(int index, List<StreamEvent> out, StringBuilder generated) {
        int next = index;
        List<ToolCallAccumulator.Call> all = new ArrayList<>(recovered);
        recovered.clear();
        all.addAll(pending.drain());
        for (ToolCallAccumulator.Call call : all) {
            ContentBlock.ToolUse use = calls.finish(call.id, call.name, call.arguments.toString(),
                    signatures ? call.signature : null);
            made = true;
            generated.append(use.input().text());
            out.add(new StreamEvent.BlockStarted(next, new BlockStart.ToolUse(use.id(), use.name())));
            out.add(new StreamEvent.BlockDelta(next, new Delta.InputJson(use.input().text())));
            out.add(new StreamEvent.BlockStopped(next++));
        }
        return next;
    }
}
