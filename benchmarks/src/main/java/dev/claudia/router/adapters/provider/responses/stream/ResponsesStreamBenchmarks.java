package dev.claudia.router.adapters.provider.responses.stream;

import dev.claudia.router.benchmarks.StreamFixtures;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.provider.support.SseEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Responses adapter's hot path: one {@code response.output_text.delta} event through its
 * {@link ResponsesTranslator}, inside an open text block (in the translator's package, as
 * {@code StreamBenchmarks} is in the chat adapter's).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class ResponsesStreamBenchmarks {

    static final SseEvent ADDED = new SseEvent("response.output_item.added", "{\"type\":\"response.output_item.added\","
            + "\"sequence_number\":3,\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\","
            + "\"content\":[],\"role\":\"assistant\"}}");
    static final SseEvent TEXT_DELTA = new SseEvent("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
            + "\"sequence_number\":5,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\" token\","
            + "\"logprobs\":[],\"obfuscation\":\"k3Xa9Qb\"}");

    private final List<StreamEvent> out = new ArrayList<>();
    private ResponsesTranslator inText;
    private int ops;

    @Setup
    public void open() {
        inText = opened();
    }

    /** One text delta event to its domain event. */
    @Benchmark
    public List<StreamEvent> translateTextDelta() {
        if (++ops % StreamFixtures.ROTATE == 0) {
            inText = opened();
        }
        out.clear();
        inText.onEvent(TEXT_DELTA, out);
        return out;
    }

    private ResponsesTranslator opened() {
        ResponsesTranslator translator = new ResponsesTranslator(StreamFixtures.CALL, false, StreamFixtures.IDS,
                StreamFixtures.TOKENS);
        out.add(translator.start());
        translator.onEvent(ADDED, out);
        translator.onEvent(TEXT_DELTA, out);
        out.clear();
        return translator;
    }
}
