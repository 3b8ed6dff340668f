package dev.claudia.router.bootstrap.demo;

import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;

/**
 * Marks answers of the demo backend in the response's model name ({@code claudia-demo:<alias>}),
 * so nobody mistakes a demo answer for the configured provider's.
 */
public final class DemoLabel implements ChatProvider {

    public static final String PREFIX = "claudia-demo:";

    private final ChatProvider demo;

    public DemoLabel(ChatProvider demo) {
        this.demo = demo;
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        MessageResponse r = demo.complete(call);
        return new MessageResponse(r.id(), PREFIX + r.model(), r.content(), r.stopReason(), r.stopSequence(), r.usage());
    }

    @Override
    public EventStream stream(ProviderCall call) {
        EventStream events = demo.stream(call);
        return new EventStream() {
            @Override
            public StreamEvent next() {
                StreamEvent event = events.next();
                return event instanceof StreamEvent.MessageStarted s
                        ? new StreamEvent.MessageStarted(s.id(), PREFIX + s.model(), s.usage())
                        : event;
            }

            @Override
            public boolean ready() {
                return events.ready();
            }

            @Override
            public void close() {
                events.close();
            }
        };
    }

    @Override
    public void warmUp() {
        demo.warmUp();
    }

    @Override
    public void close() {
        demo.close();
    }
}
