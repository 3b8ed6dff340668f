package dev.claudia.router.domain.stream;

import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.ProviderFailure;

import java.util.Objects;

/**
 * One event of a streamed assistant message, block-shaped like Anthropic's SSE so the downstream
 * writer is a stateless formatter. The grammar is
 * {@code MessageStarted (BlockStarted BlockDelta* BlockStopped)* MessageDelta MessageStopped},
 * with {@link Ping} anywhere after {@code MessageStarted}, and {@link StreamFailed} ending a stream
 * early; {@link StreamGrammar} checks it.
 */
public sealed interface StreamEvent {

    /** Opens the message. {@code usage} carries the input estimate known before generation. */
    record MessageStarted(String id, String model, Usage usage) implements StreamEvent {
        public MessageStarted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** Opens content block {@code index}; blocks always start empty and get their content as deltas. */
    record BlockStarted(int index, BlockStart block) implements StreamEvent {
        public BlockStarted {
            Objects.requireNonNull(block, "block");
        }
    }

    record BlockDelta(int index, Delta delta) implements StreamEvent {
        public BlockDelta {
            Objects.requireNonNull(delta, "delta");
        }
    }

    record BlockStopped(int index) implements StreamEvent {}

    /** The final stop reason and cumulative usage. */
    record MessageDelta(StopReason stopReason, String stopSequence, Usage usage) implements StreamEvent {
        public MessageDelta {
            Objects.requireNonNull(stopReason, "stopReason");
            Objects.requireNonNull(usage, "usage");
        }
    }

    record MessageStopped() implements StreamEvent {}

    /** Keep-alive while the provider is silent. */
    record Ping() implements StreamEvent {}

    /** The stream broke after it started; nothing follows. */
    record StreamFailed(ProviderFailure failure) implements StreamEvent {
        public StreamFailed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
