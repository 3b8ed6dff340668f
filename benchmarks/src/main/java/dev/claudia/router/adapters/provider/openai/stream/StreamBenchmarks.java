package dev.claudia.router.adapters.provider.openai.stream;

import dev.claudia.router.benchmarks.StreamFixtures;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outbound side's hot path: OpenAI {@code chat.completion.chunk} payloads through the chat
 * adapter's {@link ChunkTranslator} to domain events, as every streamed token of a chat-completions
 * provider goes. The class sits in the translator's package (the benchmarks run on the class
 * path) so it measures the translator alone, without SSE framing or a socket.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar StreamBenchmarks -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class StreamBenchmarks {

    /** A typical text delta, as vLLM, llama.cpp and OpenAI send them (id, model, a choice with one fragment). */
    static final String TEXT_CHUNK = "{\"id\":\"chatcmpl-9b1f\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733100000,\"model\":\"qwen3-coder\",\"system_fingerprint\":\"fp_1\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},\"logprobs\":null,\"finish_reason\":null}]}";
    /** One argument fragment of a streamed tool call (the bulk of a tool-heavy answer). */
    static final String TOOL_FRAGMENT_CHUNK = "{\"id\":\"chatcmpl-9b1f\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733100000,\"model\":\"qwen3-coder\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
            + "[{\"index\":0,\"function\":{\"arguments\":\"\\\"file_path\\\": \\\"/src/\"}}]},\"finish_reason\":null}]}";
    static final String FINISH_CHUNK = "{\"id\":\"chatcmpl-9b1f\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733100000,\"model\":\"qwen3-coder\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}";
    static final String USAGE_CHUNK = "{\"id\":\"chatcmpl-9b1f\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733100000,\"model\":\"qwen3-coder\",\"choices\":[],\"usage\":{\"prompt_tokens\":1200,"
            + "\"completion_tokens\":100,\"total_tokens\":1300,\"prompt_tokens_details\":{\"cached_tokens\":1024}}}";

    private static final String TOOL_OPEN_CHUNK = "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
            + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]}}]}";

    private final List<StreamEvent> out = new ArrayList<>();
    private ChunkTranslator inText;
    private ChunkTranslator inTool;
    private int textOps;
    private int toolOps;

    @Setup
    public void open() {
        inText = opened(TEXT_CHUNK);
        inTool = opened(TOOL_OPEN_CHUNK);
    }

    /** One text-delta chunk to its domain event, inside an open text block: the per-token cost of every stream. */
    @Benchmark
    public List<StreamEvent> translateChunk() {
        if (++textOps % StreamFixtures.ROTATE == 0) {
            inText = opened(TEXT_CHUNK);
        }
        out.clear();
        inText.onData(TEXT_CHUNK, out);
        return out;
    }

    /** One argument fragment of an open tool call: collected, no event until the call is whole. */
    @Benchmark
    public List<StreamEvent> translateToolFragment() {
        if (++toolOps % StreamFixtures.ROTATE == 0) {
            inTool = opened(TOOL_OPEN_CHUNK);
        }
        out.clear();
        inTool.onData(TOOL_FRAGMENT_CHUNK, out);
        return out;
    }

    /** A translator that has seen its first chunk: the steady state of a stream. */
    private ChunkTranslator opened(String first) {
        ChunkTranslator translator = translator();
        translator.start();
        translator.onData(first, out);
        out.clear();
        return translator;
    }

    /** A whole stream: start, 100 text deltas, finish, usage, [DONE] (message_start to message_stop). */
    @Benchmark
    public List<StreamEvent> translateStream() {
        ChunkTranslator translator = translator();
        out.clear();
        out.add(translator.start());
        for (int i = 0; i < 100; i++) {
            translator.onData(TEXT_CHUNK, out);
        }
        translator.onData(FINISH_CHUNK, out);
        translator.onData(USAGE_CHUNK, out);
        translator.onData("[DONE]", out);
        return out;
    }

    private ChunkTranslator translator() {
        return new ChunkTranslator(StreamFixtures.CALL, false, StreamFixtures.IDS, StreamFixtures.TOKENS);
    }
}
