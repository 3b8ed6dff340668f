package dev.claudia.router.adapters.provider.openai.stream;

import dev.claudia.router.adapters.provider.Calls;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.provider.support.IdleWatchdog;
import dev.claudia.router.domain.stream.StreamEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiEventStreamTest {

    private static final IdleWatchdog WATCHDOG = new IdleWatchdog("test", Duration.ofMinutes(10));

    /** Sends {@code prefix}, then fails every read. */
    private static InputStream breaking(String prefix, AtomicBoolean read) {
        byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                read.set(true);
                if (at < bytes.length) {
                    return bytes[at++];
                }
                throw new IOException("Connection reset");
            }
        };
    }

    private static OpenAiEventStream stream(InputStream body, AutoCloseable connection) {
        return new OpenAiEventStream(body, connection, Calls.call(Calls.hello()), OpenAiChatOptions.DEFAULT, Calls.ids(), Calls.quarterTokens(), WATCHDOG);
    }

    @Test
    void starts_the_message_without_reading_from_the_provider() {
        AtomicBoolean read = new AtomicBoolean();
        OpenAiEventStream stream = stream(breaking("", read), () -> { });
        assertInstanceOf(StreamEvent.MessageStarted.class, stream.next());
        assertFalse(read.get());
    }

    @Test
    void a_connection_lost_mid_stream_ends_with_a_failure_naming_the_backend() {
        OpenAiEventStream stream = stream(breaking("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n",
                new AtomicBoolean()), () -> { });
        StreamEvent last = null;
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            last = e;
        }
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, last);
        assertEquals(FailureKind.UNREACHABLE, failed.failure().kind());
        assertTrue(failed.failure().message().startsWith("connection to backend 'stub' was lost mid-stream"),
                failed.failure().message());
        assertNull(stream.next());
    }

    @Test
    void a_read_failing_because_the_caller_closed_the_stream_ends_quietly() {
        AtomicInteger closes = new AtomicInteger();
        OpenAiEventStream stream = stream(breaking("", new AtomicBoolean()), closes::incrementAndGet);
        stream.next();
        stream.close();
        stream.close();
        assertNull(stream.next());
        assertTrue(closes.get() >= 1);
    }
}
