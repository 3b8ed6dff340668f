package dev.claudia.router.adapters.provider.openai.stream;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fragments to calls, for each tool-call streaming style providers use (docs/providers.md) (the stream golden files show them end to end). */
class ToolCallAccumulatorTest {

    private static List<String> calls(String... chunks) throws Exception {
        ToolCallAccumulator accumulator = new ToolCallAccumulator();
        for (String chunk : chunks) {
            List<Chunk.Fragment> fragments = fragments(chunk);
            for (int i = 0; i < fragments.size(); i++) {
                accumulator.add(fragments.get(i), i);
            }
        }
        return accumulator.drain().stream().map(c -> c.id + "|" + c.name + "|" + c.arguments).toList();
    }

    /** A {@code tool_calls} array as the stream reads it, inside a chunk. */
    private static List<Chunk.Fragment> fragments(String toolCalls) throws Exception {
        return ChunkReader.read("{\"choices\":[{\"delta\":{\"tool_calls\":" + toolCalls + "}}]}").choice().delta().toolCalls();
    }

    @Test
    void concatenates_argument_fragments_by_index() throws Exception {
        assertEquals(List.of("call_1|Read|{\"a\":1}"), calls(
                "[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]",
                "[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]",
                "[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]"));
    }

    @Test
    void keeps_parallel_calls_apart_in_first_seen_order() throws Exception {
        assertEquals(List.of("b|B|{1}", "a|A|{2}"), calls(
                "[{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"B\",\"arguments\":\"{\"}}]",
                "[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"A\",\"arguments\":\"{\"}}]",
                "[{\"index\":0,\"function\":{\"arguments\":\"2}\"}},{\"index\":1,\"function\":{\"arguments\":\"1}\"}}]"));
    }

    @Test
    void uses_the_array_position_when_the_index_is_missing() throws Exception {
        assertEquals(List.of("x|X|{}", "y|Y|{}"), calls(
                "[{\"id\":\"x\",\"function\":{\"name\":\"X\",\"arguments\":\"{}\"}},"
                        + "{\"id\":\"y\",\"function\":{\"name\":\"Y\",\"arguments\":\"{}\"}}]"));
    }

    @Test
    void starts_a_new_call_when_a_different_id_arrives_at_the_same_index() throws Exception {
        assertEquals(List.of("a|A|{}", "b|B|{}"), calls(
                "[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"A\",\"arguments\":\"{}\"}}]",
                "[{\"index\":0,\"id\":\"b\",\"function\":{\"name\":\"B\",\"arguments\":\"{}\"}}]"));
    }

    @Test
    void takes_a_name_that_arrives_later_and_arguments_given_as_an_object() throws Exception {
        assertEquals(List.of("a|Grep|{\"p\":\"x\"}"), calls(
                "[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"\",\"arguments\":{\"p\":\"x\"}}}]",
                "[{\"index\":0,\"function\":{\"name\":\"Grep\"}}]"));
    }

    @Test
    void drains_empty() throws Exception {
        ToolCallAccumulator accumulator = new ToolCallAccumulator();
        accumulator.add(fragments("[{\"index\":0,\"function\":{\"name\":\"A\"}}]").getFirst(), 0);
        accumulator.drain();
        assertTrue(accumulator.isEmpty());
    }
}
