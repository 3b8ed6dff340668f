package dev.claudia.router.adapters.http;

import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.stream.EventStream;

import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A provider whose behaviour each test sets. */
final class FakeProvider implements ChatProvider {

    volatile Function<ProviderCall, MessageResponse> complete = call -> {
        throw new AssertionError("complete not scripted");
    };
    volatile Function<ProviderCall, EventStream> stream = call -> {
        throw new AssertionError("stream not scripted");
    };
    volatile Function<ProviderCall, OptionalInt> count = call -> OptionalInt.empty();
    final CopyOnWriteArrayList<ProviderCall> calls = new CopyOnWriteArrayList<>();

    @Override
    public OptionalInt countTokens(ProviderCall call) {
        calls.add(call);
        return count.apply(call);
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        calls.add(call);
        return complete.apply(call);
    }

    @Override
    public EventStream stream(ProviderCall call) {
        calls.add(call);
        return stream.apply(call);
    }
}
