package dev.claudia.router.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.adapters.http.InboundLimits;
import dev.claudia.router.adapters.http.Json;
import dev.claudia.router.adapters.http.mapping.BodyBudget;
import dev.claudia.router.adapters.http.mapping.BodyReader;
import dev.claudia.router.adapters.http.mapping.RequestChecks;
import dev.claudia.router.adapters.http.mapping.RequestReader;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.mapping.RequestMapper;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Claude Code request through the translation the router does for an OpenAI-compatible backend,
 * in the steps the request path takes: the client's bytes read and checked into the domain (as
 * {@code MessagesResource} does), the domain request written as the provider's body (as the
 * {@code openai-chat} adapter does), and both in a row. Two fixtures: Claude Code's first request
 * (80 KB, 24 tools) and a late turn (240 KB: the system prompt, about 70 turns of tool calls and
 * 3,000-character tool results, 30 tools), the request of the load harness's large scenario.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar MappingBenchmarks -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class MappingBenchmarks {

    @Param({"claude-code-240k-request.json", "claude-code-first-request.json"})
    public String fixture;

    private final ObjectMapper mapper = new Json().getContext(Object.class);
    private final InboundLimits limits = InboundLimits.defaults();
    private final BodyReader bodies = new BodyReader(mapper, 32L << 20, limits.maxJsonDepth());
    private final RequestChecks checks = new RequestChecks(limits.maxTools(), limits.maxToolSchemaChars());
    private final Route route = new Route("claude-sonnet-4-5", "bench", "bench", "fake-model", RetryPolicy.of(1, 0),
            RawJson.EMPTY_OBJECT, Capabilities.DEFAULT);
    private byte[] request;
    private MessageRequest read;

    @Setup
    public void load() throws IOException {
        try (InputStream in = MappingBenchmarks.class.getResourceAsStream(fixture)) {
            request = in.readAllBytes();
        }
        read = readRequest();
    }

    /** Client bytes to a checked domain request that keeps its original bytes. */
    @Benchmark
    public MessageRequest readRequest() {
        BodyReader.Body body = bodies.readBody(new ByteArrayInputStream(request), Integer.toString(request.length),
                BodyBudget.UNBOUNDED);
        MessageRequest domain = RequestReader.read(body.json(), Set.of(), false, w -> { });
        checks.check(body.json(), domain);
        return domain.withOriginal(Verbatim.wrap(body.bytes()));
    }

    /** A domain request to the bytes of the chat-completions body sent upstream. */
    @Benchmark
    public byte[] writeOpenAiBody() {
        return RequestMapper.body(call(read), OpenAiChatOptions.DEFAULT, false);
    }

    /** Both: what the router adds to a non-streaming request before the provider sees a byte. */
    @Benchmark
    public byte[] translate() {
        return RequestMapper.body(call(readRequest()), OpenAiChatOptions.DEFAULT, false);
    }

    private ProviderCall call(MessageRequest request) {
        return new ProviderCall(route, request, "msg_01bench", () -> 0, w -> { });
    }
}
