package dev.claudia.router.benchmarks;

import dev.claudia.router.adapters.http.AnthropicWire;
import dev.claudia.router.adapters.http.Json;
import dev.claudia.router.adapters.http.sse.SseFrames;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The inbound side's per-event and per-answer hot paths, each as the HTTP adapter runs it: framing
 * one SSE text delta, and writing a finished response as JSON. Reading a Claude Code request into
 * the domain is {@link MappingBenchmarks#readRequest}. Run: {@code java -jar benchmarks/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class InboundBenchmarks {

    private final SseFrames frames = new SseFrames(new Json().getContext(Object.class));
    private StreamEvent delta;
    private MessageResponse response;

    @Setup
    public void load() {
        delta = new StreamEvent.BlockDelta(0, new Delta.Text("t042 "));
        response = new MessageResponse("msg_01bench", "claude-sonnet-4-5", List.of(new ContentBlock.Text(
                "Hello from the benchmark. ".repeat(20))), StopReason.END_TURN, null, new Usage(1200, 80, 0, 0, 0, false));
    }

    /** One text delta as the bytes of its SSE frame (the per-token cost of every stream). */
    @Benchmark
    public byte[] frameSseDelta() {
        return frames.encode(delta, "req_bench");
    }

    /** A finished non-streaming response as the JSON bytes the client receives. */
    @Benchmark
    public byte[] writeResponse() {
        return AnthropicWire.response(response);
    }
}
