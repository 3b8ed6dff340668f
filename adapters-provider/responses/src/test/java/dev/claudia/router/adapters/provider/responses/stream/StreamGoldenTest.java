package dev.claudia.router.adapters.provider.responses.stream;

import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import dev.claudia.router.domain.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Responses event streams (src/test/resources/streams/*.sse.txt, the raw bytes a server sends) against
 * the domain events they must become (*.events.txt, one line per event): text, reasoning summaries
 * and raw reasoning text, redacted reasoning, parallel and repaired function calls, refusals, both
 * kinds of {@code incomplete}, and every failure shape. Scenarios whose name starts with
 * {@code thinking-} are requests that ask for thinking. Golden files are never edited by hand:
 * {@code -Dgolden.update=true} rewrites them (review the diff); a missing one is written and its test
 * fails once.
 */
class StreamGoldenTest {

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/streams"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse.txt"))
                    .map(n -> n.substring(0, n.length() - ".sse.txt".length())).sorted().toList().stream();
        }
    }

    static byte[] upstream(String scenario) {
        return Golden.read("streams/" + scenario + ".sse.txt").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void translates_the_stream_as_the_golden_file_says(String scenario) throws Exception {
        List<StreamEvent> events = Streams.translate(upstream(scenario), Streams.call(scenario));
        StreamGrammar.check(events);
        Golden.check("streams/" + scenario + ".events.txt", Streams.render(events));
    }

    @Test
    void releases_the_connection_as_soon_as_the_answer_is_complete() {
        AtomicInteger released = new AtomicInteger();
        var stream = ResponsesEventStream.of(new ByteArrayInputStream(upstream("text")), released::incrementAndGet,
                Streams.call("text"), false, dev.claudia.router.adapters.provider.responses.Calls.ids(),
                dev.claudia.router.adapters.provider.responses.Calls.quarterTokens(),
                new dev.claudia.router.provider.support.IdleWatchdog("t", Duration.ofMinutes(1)));
        StreamEvent e;
        do {
            e = stream.next();
        } while (!(e instanceof StreamEvent.MessageStopped));
        assertTrue(released.get() >= 1, "released when message_stop was produced");
    }
}
