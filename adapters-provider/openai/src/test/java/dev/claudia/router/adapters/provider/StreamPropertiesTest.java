package dev.claudia.router.adapters.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.adapters.provider.openai.mapping.ResponseMapper;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import dev.claudia.router.domain.testing.Golden;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the stream translation that no list of examples pins down: the way the bytes are
 * cut into reads does not matter; folding the translated stream gives the same message as
 * translating the same answer sent whole; and every output obeys the Anthropic stream grammar.
 */
class StreamPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<String> scenarios() throws Exception {
        return Arbitraries.of(StreamGoldenTest.scenarios().toList());
    }

    @Property(tries = 300)
    void any_split_of_the_upstream_bytes_yields_the_same_events(@ForAll("scenarios") String scenario, @ForAll long seed) {
        byte[] upstream = Golden.read("streams/" + scenario + ".chunks.txt").getBytes(StandardCharsets.UTF_8);
        OpenAiChatOptions capabilities = StreamGoldenTest.optionsFor(scenario);
        List<StreamEvent> whole = Streams.translate(upstream, capabilities, () -> 1 << 20);
        Random random = new Random(seed);
        List<StreamEvent> pieces = Streams.translate(upstream, capabilities, () -> 1 + random.nextInt(23));
        assertEquals(whole, pieces);
    }

    /** A provider answer: reasoning and text in pieces, tool calls with their arguments in fragments. */
    record Answer(List<String> reasoning, List<String> text, List<Call> calls, boolean interleave, boolean usage,
                  String finish) {}

    record Call(String id, String name, List<String> fragments) {
        String arguments() {
            return String.join("", fragments);
        }
    }

    @Provide
    Arbitrary<Answer> answers() {
        Arbitrary<List<String>> words = Arbitraries.strings().withChars("abcxyzü\"\\ ").ofMinLength(1).ofMaxLength(6)
                .filter(s -> !s.isBlank()).list().ofMaxSize(5);
        Arbitrary<Call> call = Combinators.combine(Arbitraries.of("Read", "Bash", "Grep", "Edit"),
                Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(4),
                        Arbitraries.strings().withChars("ab\"\\/\nü✓ {}[]:,").ofMaxLength(8)).ofMaxSize(3),
                Arbitraries.longs()).as((name, args, seed) -> new Call(null, name, fragments(args, seed)));
        return Combinators.combine(words, words, call.list().ofMaxSize(3), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of("stop", "length", "tool_calls"))
                .as((reasoning, text, calls, interleave, usage, finish) -> {
                    List<Call> named = new ArrayList<>();
                    for (int i = 0; i < calls.size(); i++) {
                        named.add(new Call("call_" + i, calls.get(i).name(), calls.get(i).fragments()));
                    }
                    return new Answer(reasoning, text, named, interleave, usage, finish);
                });
    }

    private static List<String> fragments(Map<String, String> args, long seed) {
        try {
            String json = JSON.writeValueAsString(args);
            Random random = new Random(seed);
            List<String> pieces = new ArrayList<>();
            int at = 0;
            while (at < json.length()) {
                int next = Math.min(json.length(), at + 1 + random.nextInt(7));
                pieces.add(json.substring(at, next));
                at = next;
            }
            return pieces;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 300)
    void folding_the_stream_equals_translating_the_whole_answer(@ForAll("answers") Answer answer) throws Exception {
        List<StreamEvent> events = Streams.translate(stream(answer).getBytes(StandardCharsets.UTF_8), OpenAiChatOptions.DEFAULT);
        StreamGrammar.check(events);
        MessageAccumulator folded = new MessageAccumulator();
        events.forEach(folded::accept);
        MessageResponse whole = ResponseMapperGoldenTestAccess.map(completion(answer));
        MessageResponse streamed = folded.result();
        assertEquals(whole.content(), streamed.content());
        assertEquals(whole.stopReason(), streamed.stopReason());
        assertEquals(whole.usage(), streamed.usage());
    }

    @Property(tries = 200)
    void every_stream_obeys_the_grammar_even_when_cut_short(@ForAll("answers") Answer answer, @ForAll long seed) {
        String full = stream(answer);
        int cut = new Random(seed).nextInt(full.length() + 1);
        List<StreamEvent> events = Streams.translate(full.substring(0, cut).getBytes(StandardCharsets.UTF_8),
                OpenAiChatOptions.DEFAULT);
        StreamGrammar.check(events);
    }

    private static String completion(Answer a) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode choice = root.putArray("choices").addObject();
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (!a.reasoning().isEmpty()) {
            message.put("reasoning_content", String.join("", a.reasoning()));
        }
        message.put("content", a.text().isEmpty() ? null : String.join("", a.text()));
        if (!a.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Call c : a.calls()) {
                calls.addObject().put("id", c.id()).put("type", "function").putObject("function").put("name", c.name())
                        .put("arguments", c.arguments());
            }
        }
        choice.put("finish_reason", a.finish());
        if (a.usage()) {
            root.putObject("usage").put("prompt_tokens", 77).put("completion_tokens", 33);
        }
        return root.toString();
    }

    private static String stream(Answer a) {
        List<ObjectNode> deltas = new ArrayList<>();
        deltas.add(JSON.createObjectNode().put("role", "assistant").put("content", ""));
        a.reasoning().forEach(r -> deltas.add(JSON.createObjectNode().put("reasoning_content", r)));
        a.text().forEach(t -> deltas.add(JSON.createObjectNode().put("content", t)));
        Map<Integer, List<String>> left = new LinkedHashMap<>();
        for (int i = 0; i < a.calls().size(); i++) {
            Call c = a.calls().get(i);
            ObjectNode first = JSON.createObjectNode();
            first.putArray("tool_calls").addObject().put("index", i).put("id", c.id()).put("type", "function")
                    .putObject("function").put("name", c.name()).put("arguments", "");
            deltas.add(first);
            left.put(i, new ArrayList<>(c.fragments()));
            if (!a.interleave()) {
                drain(deltas, i, left.remove(i));
            }
        }
        while (!left.isEmpty()) { // round-robin: parallel calls arrive interleaved
            for (Integer i : List.copyOf(left.keySet())) {
                List<String> rest = left.get(i);
                if (rest.isEmpty()) {
                    left.remove(i);
                } else {
                    drain(deltas, i, List.of(rest.removeFirst()));
                }
            }
        }
        StringBuilder sse = new StringBuilder();
        for (ObjectNode delta : deltas) {
            sse.append("data: ").append(chunk(delta, null)).append("\n\n");
        }
        sse.append("data: ").append(chunk(JSON.createObjectNode(), a.finish())).append("\n\n");
        if (a.usage()) {
            sse.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":77,\"completion_tokens\":33}}\n\n");
        }
        return sse.append("data: [DONE]\n\n").toString();
    }

    private static void drain(List<ObjectNode> deltas, int index, List<String> fragments) {
        for (String f : fragments) {
            ObjectNode delta = JSON.createObjectNode();
            delta.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments", f);
            deltas.add(delta);
        }
    }

    private static String chunk(ObjectNode delta, String finish) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        return root.toString();
    }

    /** The non-streaming mapping with the same call settings as {@link Streams#call}. */
    static final class ResponseMapperGoldenTestAccess {
        static MessageResponse map(String completion) throws Exception {
            return ResponseMapper.toMessage(new ObjectMapper().readTree(completion), Streams.call(), OpenAiChatOptions.DEFAULT,
                    Calls.ids(), Calls.quarterTokens());
        }
    }
}
