package dev.claudia.router.application;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.MessageEvents;
import dev.claudia.router.domain.stream.StreamEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/** A provider whose answers are scripted per call: succeed, fail, or fail after K stream events. */
final class ScriptedProvider implements ChatProvider {

    private final Deque<Function<ProviderCall, Object>> script = new ArrayDeque<>();
    final List<ProviderCall> calls = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    private Function<ProviderCall, OptionalInt> count = call -> OptionalInt.empty();

    ScriptedProvider answers(String text) {
        script.add(call -> message(call, text));
        return this;
    }

    ScriptedProvider fails(FailureKind kind) {
        return fails(kind, null);
    }

    ScriptedProvider fails(FailureKind kind, Duration retryAfter) {
        script.add(call -> new ProviderException(new ProviderFailure(kind, kind + " from fake", "fake", 0, retryAfter)));
        return this;
    }

    /** A stream that yields the first {@code events} events of the answer, then fails with {@code kind}. */
    ScriptedProvider streamsThenFails(String text, int events, FailureKind kind) {
        script.add(call -> new Broken(MessageEvents.of(message(call, text)).subList(0, events), kind));
        return this;
    }

    /** A stream of exactly these events (e.g. a pass-through adapter's forwarded frames), then its end. */
    ScriptedProvider streams(List<StreamEvent> events) {
        script.add(call -> new Broken(events, null));
        return this;
    }

    /** A stream of these events, then a failure of {@code kind}. */
    ScriptedProvider streamsThenFails(List<StreamEvent> events, FailureKind kind) {
        script.add(call -> new Broken(events, kind));
        return this;
    }

    /** What {@link #countTokens} answers: a number, empty (the provider cannot count), or a failure. */
    ScriptedProvider counts(Function<ProviderCall, OptionalInt> count) {
        this.count = count;
        return this;
    }

    @Override
    public OptionalInt countTokens(ProviderCall call) {
        calls.add(call);
        return count.apply(call);
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        Object next = next(call);
        if (next instanceof ProviderException e) {
            throw e;
        }
        return (MessageResponse) next;
    }

    @Override
    public EventStream stream(ProviderCall call) {
        Object next = next(call);
        if (next instanceof ProviderException e) {
            throw e;
        }
        if (next instanceof Broken broken) {
            return broken.stream(this, calls.size());
        }
        EventStream events = MessageEvents.streamOf((MessageResponse) next);
        int n = calls.size();
        return new EventStream() {
            @Override
            public StreamEvent next() {
                return events.next();
            }

            @Override
            public void close() {
                closed.add("call-" + n);
            }
        };
    }

    private Object next(ProviderCall call) {
        calls.add(call);
        if (script.isEmpty()) {
            throw new AssertionError("unexpected call #" + calls.size());
        }
        return script.poll().apply(call);
    }

    static MessageResponse message(ProviderCall call, String text) {
        return new MessageResponse(call.messageId(), call.route().alias(), List.of(new ContentBlock.Text(text)),
                StopReason.END_TURN, null, Usage.of(10, 2));
    }

    private record Broken(List<StreamEvent> events, FailureKind kind) {
        EventStream stream(ScriptedProvider owner, int n) {
            Deque<StreamEvent> left = new ArrayDeque<>(events);
            return new EventStream() {
                @Override
                public StreamEvent next() {
                    if (left.isEmpty()) {
                        if (kind == null) {
                            return null;
                        }
                        throw new ProviderException(ProviderFailure.of(kind, "fake", "died mid-stream"));
                    }
                    return left.poll();
                }

                @Override
                public void close() {
                    owner.closed.add("call-" + n);
                }
            };
        }
    }
}
