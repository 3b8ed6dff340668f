package dev.claudia.router.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.adapters.http.Json;
import dev.claudia.router.adapters.http.InboundLimits;
import dev.claudia.router.adapters.http.mapping.BodyBudget;
import dev.claudia.router.adapters.http.mapping.BodyReader;
import dev.claudia.router.adapters.http.mapping.RequestReader;
import dev.claudia.router.adapters.http.mapping.ResponseWriter;
import dev.claudia.router.adapters.http.sse.SseFrames;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageRequest;
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
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The inbound side's hot paths, each as the HTTP adapter runs it: reading a real Claude Code
 * request (80 KB: system blocks, tools, a conversation) into the domain, framing one SSE text
 * delta, and writing a finished response as JSON. Run: {@code java -jar benchmarks/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class InboundBenchmarks {

    private final ObjectMapper mapper = new Json().getContext(Object.class);
    private final BodyReader bodies = new BodyReader(mapper, 32L << 20, InboundLimits.defaults().maxJsonDepth());
    private final SseFrames frames = new SseFrames(mapper);
    private byte[] claudeCodeRequest;
    private StreamEvent delta;
    private MessageResponse response;

    @Setup
    public void load() throws IOException {
        try (InputStream in = InboundBenchmarks.class.getResourceAsStream("claude-code-first-request.json")) {
            claudeCodeRequest = in.readAllBytes();
        }
        delta = new StreamEvent.BlockDelta(0, new Delta.Text("t042 "));
        response = new MessageResponse("msg_01bench", "claude-sonnet-4-5", List.of(new ContentBlock.Text(
                "Hello from the benchmark. ".repeat(20))), StopReason.END_TURN, null, new Usage(1200, 80, 0, 0, 0, false));
    }

    /** Bytes of a Claude Code request to a domain MessageRequest: JSON tree, then the validating reader. */
    @Benchmark
    public MessageRequest readClaudeCodeRequest(Blackhole warnings) {
        return RequestReader.read(bodies.read(new ByteArrayInputStream(claudeCodeRequest),
                Integer.toString(claudeCodeRequest.length), BodyBudget.UNBOUNDED),
                Set.of(), false, warnings::consume);
    }

    /** One text delta as the bytes of its SSE frame (the per-token cost of every stream). */
    @Benchmark
    public byte[] frameSseDelta() {
        return frames.encode(delta, "req_bench");
    }

    /** A finished non-streaming response as the JSON bytes the client receives. */
    @Benchmark
    public byte[] writeResponse() throws IOException {
        return mapper.writeValueAsBytes(ResponseWriter.toBody(response));
    }
}
