package dev.claudia.router.adapters.provider.responses.stream;

import dev.claudia.router.adapters.provider.responses.Calls;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.provider.support.IdleWatchdog;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Runs recorded upstream bytes through the real stream translation. */
final class Streams {

    private static final IdleWatchdog WATCHDOG = new IdleWatchdog("test", Duration.ofMinutes(10));

    private Streams() {}

    /** A streaming call for "hi"; with thinking when the scenario's name starts with {@code thinking-}. */
    static ProviderCall call(String scenario) {
        return Calls.call(Calls.streaming(scenario.startsWith("thinking-")), Capabilities.DEFAULT, RawJson.EMPTY_OBJECT,
                new ArrayList<>());
    }

    /** Translates {@code upstream}, delivered in reads whose sizes come from {@code readSizes}. */
    static List<StreamEvent> translate(byte[] upstream, ProviderCall call, IntSupplier readSizes) {
        InputStream body = new ByteArrayInputStream(upstream) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.max(1, Math.min(len, readSizes.getAsInt())));
            }
        };
        EventStream stream = ResponsesEventStream.of(body, () -> { }, call, false, Calls.ids(), Calls.quarterTokens(),
                WATCHDOG);
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        return events;
    }

    static List<StreamEvent> translate(byte[] upstream, ProviderCall call) {
        return translate(upstream, call, () -> 8192);
    }

    /** One event per line, as compact JSON. */
    static String render(List<StreamEvent> events) throws Exception {
        StringBuilder out = new StringBuilder();
        for (StreamEvent e : events) {
            out.append(DomainJson.node(e).toString()).append('\n');
        }
        return out.toString();
    }
}
