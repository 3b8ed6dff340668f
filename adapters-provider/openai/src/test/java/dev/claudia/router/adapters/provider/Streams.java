package dev.claudia.router.adapters.provider;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.stream.OpenAiEventStream;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.provider.support.IdleWatchdog;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/** Runs recorded upstream bytes through the real stream translation. */
final class Streams {

    private static final IdleWatchdog WATCHDOG = new IdleWatchdog("test", Duration.ofMinutes(10));

    private Streams() {}

    static ProviderCall call() {
        MessageRequest request = new MessageRequest("claude-test", List.of(), List.of(Message.user("hi")), List.of(), null,
                100, Sampling.DEFAULT, List.of("STOP"), null, ThinkingConfig.UNSPECIFIED, null, null, true, Set.of());
        return new ProviderCall(Calls.route(), request, "msg_1", () -> 42, w -> { });
    }

    /** Translates {@code upstream}, delivered in reads whose sizes come from {@code readSizes}. */
    static List<StreamEvent> translate(byte[] upstream, OpenAiChatOptions options, IntSupplier readSizes) {
        InputStream body = new ByteArrayInputStream(upstream) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.max(1, Math.min(len, readSizes.getAsInt())));
            }
        };
        EventStream stream = new OpenAiEventStream(body, () -> { }, call(), options, Calls.ids(), Calls.quarterTokens(),
                WATCHDOG);
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        return events;
    }

    static List<StreamEvent> translate(byte[] upstream, OpenAiChatOptions options) {
        return translate(upstream, options, () -> 8192);
    }

    /** One event per line, as compact JSON. */
    static String render(List<StreamEvent> events) throws Exception {
        StringBuilder out = new StringBuilder();
        for (StreamEvent e : events) {
            out.append(DomainJson.node(e).toString()).append('\n');
        }
        return out.toString();
    }

    static OpenAiChatOptions splitThinkTags() {
        return new OpenAiChatOptions(OpenAiChatOptions.ReasoningStyle.NONE, OpenAiChatOptions.SystemMessages.USER_REMINDER,
                true, true);
    }
}
