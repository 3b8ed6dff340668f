package dev.claudia.router.adapters.provider;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.provider.support.IdleWatchdog;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import dev.claudia.router.domain.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recorded provider streams (src/test/resources/streams/*.chunks.txt, raw SSE as providers send
 * it) against the events they must become (*.events.txt). Covers every tool-call streaming style
 * providers use (docs/providers.md) and the failure shapes, one readable line per domain event. Golden files are
 * never edited by hand: {@code -Dgolden.update=true} rewrites them from the current output and the
 * tests pass (review the diff); a missing {@code .events.txt} is written and its test fails once.
 */
class StreamGoldenTest {

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/streams"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".chunks.txt"))
                    .map(n -> n.substring(0, n.length() - ".chunks.txt".length())).sorted().toList().stream();
        }
    }

    static OpenAiChatOptions optionsFor(String scenario) {
        return scenario.startsWith("think-tags") ? Streams.splitThinkTags() : OpenAiChatOptions.DEFAULT;
    }

    @org.junit.jupiter.api.Test
    void releases_the_connection_as_soon_as_the_answer_is_complete() throws Exception {
        byte[] upstream = Golden.read("streams/text.chunks.txt").getBytes(StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        var stream = new dev.claudia.router.adapters.provider.openai.stream.OpenAiEventStream(
                new java.io.ByteArrayInputStream(upstream), released::incrementAndGet, Streams.call(),
                OpenAiChatOptions.DEFAULT, Calls.ids(), Calls.quarterTokens(), new IdleWatchdog("t",
                java.time.Duration.ofMinutes(1)));
        StreamEvent e;
        do {
            e = stream.next();
        } while (!(e instanceof StreamEvent.MessageStopped));
        org.junit.jupiter.api.Assertions.assertTrue(released.get() >= 1, "released when message_stop was produced");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void translates_the_recorded_stream_as_the_golden_file_says(String scenario) throws Exception {
        byte[] upstream = Golden.read("streams/" + scenario + ".chunks.txt").getBytes(StandardCharsets.UTF_8);
        List<StreamEvent> events = Streams.translate(upstream, optionsFor(scenario));
        StreamGrammar.check(events);
        Golden.check("streams/" + scenario + ".events.txt", Streams.render(events));
    }
}
