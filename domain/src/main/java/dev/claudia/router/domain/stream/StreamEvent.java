package dev.claudia.router.domain.stream;

import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.ProviderFailure;

import java.util.Objects;

/**
 * One event of a streamed assistant message, block-shaped like Anthropic's SSE so the downstream
 * writer is a stateless formatter. The grammar is
 * {@code MessageStarted (BlockStarted BlockDelta* BlockStopped)* MessageDelta MessageStopped},
 * with {@link Ping} anywhere after {@code MessageStarted}, and {@link StreamFailed} ending a stream
 * early; {@link StreamGrammar} checks it. A pass-through adapter's streams are {@link Forwarded}
 * events instead, the provider's own.
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

    /**
     * An event the provider sent in Anthropic's own format, which the router writes to the caller
     * exactly as received, unknown event types included (a pass-through adapter's). The router
     * reads only what it needs: {@code kind}, for the commit rule and the grammar, and on
     * {@code MESSAGE_START} and {@code MESSAGE_DELTA} the usage so far (and the stop reason, null
     * when absent or unknown) for the request log.
     *
     * @param frame the whole server-sent event, its {@code event:} and {@code data:} lines and the
     *              blank line that ends it, as the provider wrote them
     */
    record Forwarded(Verbatim frame, Kind kind, Usage usage, StopReason stopReason) implements StreamEvent {
        public Forwarded {
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(kind, "kind");
        }

        /** A frame that carries nothing the router reads. */
        public static Forwarded of(Verbatim frame, Kind kind) {
            return new Forwarded(frame, kind, null, null);
        }

        /** What a forwarded event is, as far as the router cares. */
        public enum Kind {
            MESSAGE_START, BLOCK_START, BLOCK_DELTA, BLOCK_STOP, MESSAGE_DELTA, MESSAGE_STOP, PING,
            /** An event type the router does not know; it is content as far as retrying goes. */
            OTHER;

            /** True for the kinds after which a retry would repeat what the caller saw. */
            public boolean content() {
                return this == BLOCK_START || this == BLOCK_DELTA || this == BLOCK_STOP || this == OTHER;
            }
        }
    }

    /** The stream broke after it started; nothing follows. */
    record StreamFailed(ProviderFailure failure) implements StreamEvent {
        public StreamFailed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
