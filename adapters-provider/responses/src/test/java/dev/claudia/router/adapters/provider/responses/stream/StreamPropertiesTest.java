package dev.claudia.router.adapters.provider.responses.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.adapters.provider.responses.Calls;
import dev.claudia.router.adapters.provider.responses.mapping.ResponseMapper;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of the stream translation that no list of examples pins down: how the bytes are cut
 * into reads does not matter; folding the translated stream gives the message that translating the
 * same answer sent whole gives (thinking and its signatures, redacted reasoning, text, tool uses, stop
 * reason, usage); and every stream, even one cut anywhere, obeys the Anthropic stream grammar.
 */
class StreamPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<String> scenarios() throws Exception {
        return Arbitraries.of(StreamGoldenTest.scenarios().toList());
    }

    @Property(tries = 300)
    void any_split_of_the_upstream_bytes_yields_the_same_events(@ForAll("scenarios") String scenario, @ForAll long seed) {
        byte[] upstream = StreamGoldenTest.upstream(scenario);
        List<StreamEvent> whole = Streams.translate(upstream, Streams.call(scenario), () -> 1 << 20);
        Random random = new Random(seed);
        List<StreamEvent> pieces = Streams.translate(upstream, Streams.call(scenario), () -> 1 + random.nextInt(23));
        assertEquals(whole, pieces);
    }

    /** One output item of an answer. */
    sealed interface Item permits Reasoning, Text, Call {}

    /** Summary (or raw reasoning) parts, each in pieces; encrypted content or none. */
    record Reasoning(List<List<String>> parts, boolean raw, String encrypted) implements Item {}

    record Text(List<String> pieces, boolean refusal) implements Item {}

    record Call(String name, List<String> fragments) implements Item {}

    record Answer(List<Item> items, boolean thinking, boolean incomplete, boolean usage) {}

    @Provide
    Arbitrary<Answer> answers() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcxyzü\"\\ \n✓").ofMinLength(1).ofMaxLength(6);
        Arbitrary<List<String>> pieces = word.list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Item> reasoning = Combinators.combine(pieces.list().ofMaxSize(3), Arbitraries.of(true, false),
                Arbitraries.of("gAAAAenc==", "gAAAAother", null))
                .as((parts, raw, enc) -> (Item) new Reasoning(parts, raw, enc));
        Arbitrary<Item> text = Combinators.combine(pieces, Arbitraries.of(false, false, true))
                .as((p, refusal) -> (Item) new Text(p, refusal));
        Arbitrary<Item> call = Combinators.combine(Arbitraries.of("Read", "Bash", "Edit"),
                Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(4),
                        Arbitraries.strings().withChars("ab\"\\/\nü✓ {}[]:,").ofMaxLength(8)).ofMaxSize(3),
                Arbitraries.longs()).as((name, args, seed) -> (Item) new Call(name, fragments(args, seed)));
        return Combinators.combine(Arbitraries.oneOf(reasoning, text, call).list().ofMaxSize(5),
                Arbitraries.of(true, false), Arbitraries.of(false, false, true), Arbitraries.of(true, false))
                .as(Answer::new);
    }

    private static List<String> fragments(Map<String, String> args, long seed) {
        try {
            String json = JSON.writeValueAsString(args);
            Random random = new Random(seed);
            List<String> pieces = new ArrayList<>();
            for (int at = 0; at < json.length(); ) {
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
        ProviderCall call = Calls.call(Calls.streaming(answer.thinking()));
        List<StreamEvent> events = Streams.translate(stream(answer).getBytes(StandardCharsets.UTF_8), call);
        StreamGrammar.check(events);
        MessageAccumulator folded = new MessageAccumulator();
        events.forEach(folded::accept);
        MessageResponse streamed = folded.result();
        MessageResponse whole = ResponseMapper.toMessage(JSON.readTree(response(answer).toString()), call, false,
                Calls.ids(), Calls.quarterTokens());
        assertEquals(whole.content(), streamed.content());
        assertEquals(whole.stopReason(), streamed.stopReason());
        assertEquals(whole.usage(), streamed.usage());
    }

    @Property(tries = 200)
    void every_stream_obeys_the_grammar_even_when_cut_short(@ForAll("answers") Answer answer, @ForAll long seed) {
        String full = stream(answer);
        int cut = new Random(seed).nextInt(full.length() + 1);
        List<StreamEvent> events = Streams.translate(full.substring(0, cut).getBytes(StandardCharsets.UTF_8),
                Calls.call(Calls.streaming(answer.thinking())));
        StreamGrammar.check(events);
    }

    /** The answer as the {@code response} object of a whole answer (and of {@code response.completed}). */
    private static ObjectNode response(Answer a) {
        ObjectNode response = JSON.createObjectNode().put("id", "resp_p").put("object", "response")
                .put("status", a.incomplete() ? "incomplete" : "completed");
        if (a.incomplete()) {
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            response.putNull("incomplete_details");
        }
        ArrayNode output = response.putArray("output");
        for (int i = 0; i < a.items().size(); i++) {
            output.add(item(a.items().get(i), i));
        }
        if (a.usage()) {
            ObjectNode usage = response.putObject("usage").put("input_tokens", 77).put("output_tokens", 33);
            usage.putObject("input_tokens_details").put("cached_tokens", 7);
            usage.putObject("output_tokens_details").put("reasoning_tokens", 5);
        } else {
            response.putNull("usage");
        }
        return response;
    }

    private static ObjectNode item(Item item, int index) {
        ObjectNode node = JSON.createObjectNode();
        switch (item) {
            case Reasoning r -> {
                node.put("id", "rs_" + index).put("type", "reasoning");
                ArrayNode summary = node.putArray("summary");
                ArrayNode content = r.raw() ? node.putArray("content") : null;
                for (List<String> part : r.parts()) {
                    (r.raw() ? content : summary).addObject().put("type", r.raw() ? "reasoning_text" : "summary_text")
                            .put("text", String.join("", part));
                }
                if (r.encrypted() != null) {
                    node.put("encrypted_content", r.encrypted());
                }
            }
            case Text t -> {
                node.put("id", "msg_" + index).put("type", "message").put("role", "assistant").put("status", "completed");
                ObjectNode part = node.putArray("content").addObject();
                if (t.refusal()) {
                    part.put("type", "refusal").put("refusal", String.join("", t.pieces()));
                } else {
                    part.put("type", "output_text").put("text", String.join("", t.pieces())).putArray("annotations");
                }
            }
            case Call c -> node.put("id", "fc_" + index).put("type", "function_call").put("status", "completed")
                    .put("call_id", "call_" + index).put("name", c.name()).put("arguments", String.join("", c.fragments()));
        }
        return node;
    }

    /** The answer as the semantic events a Responses server streams. */
    private static String stream(Answer a) {
        StringBuilder sse = new StringBuilder();
        ObjectNode created = JSON.createObjectNode().put("type", "response.created");
        created.putObject("response").put("id", "resp_p").put("status", "in_progress").putArray("output");
        event(sse, created);
        for (int i = 0; i < a.items().size(); i++) {
            Item item = a.items().get(i);
            ObjectNode whole = item(item, i);
            ObjectNode added = whole.deepCopy();
            added.remove(List.of("summary", "content", "encrypted_content"));
            if (item instanceof Call) {
                added.put("arguments", "");
            }
            event(sse, JSON.createObjectNode().put("type", "response.output_item.added").put("output_index", i).set("item", added));
            String id = whole.get("id").asText();
            switch (item) {
                case Reasoning r -> {
                    for (int p = 0; p < r.parts().size(); p++) {
                        for (String piece : r.parts().get(p)) {
                            event(sse, JSON.createObjectNode().put("type", r.raw() ? "response.reasoning_text.delta"
                                    : "response.reasoning_summary_text.delta").put("item_id", id)
                                    .put(r.raw() ? "content_index" : "summary_index", p).put("delta", piece));
                        }
                    }
                }
                case Text t -> t.pieces().forEach(piece -> event(sse, JSON.createObjectNode()
                        .put("type", t.refusal() ? "response.refusal.delta" : "response.output_text.delta")
                        .put("item_id", id).put("content_index", 0).put("delta", piece)));
                case Call c -> c.fragments().forEach(f -> event(sse, JSON.createObjectNode()
                        .put("type", "response.function_call_arguments.delta").put("item_id", id).put("delta", f)));
            }
            event(sse, JSON.createObjectNode().put("type", "response.output_item.done").put("output_index", i).set("item", whole));
        }
        event(sse, JSON.createObjectNode().put("type", a.incomplete() ? "response.incomplete" : "response.completed")
                .set("response", response(a)));
        return sse.toString();
    }

    private static void event(StringBuilder sse, ObjectNode data) {
        sse.append("event: ").append(data.get("type").asText()).append('\n').append("data: ").append(data).append("\n\n");
    }
}
