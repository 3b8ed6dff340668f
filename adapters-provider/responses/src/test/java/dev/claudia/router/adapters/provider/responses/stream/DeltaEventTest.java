package dev.claudia.router.adapters.provider.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.responses.mapping.ResponsesJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The streaming read of delta events against what the JSON tree said of the same event (how the translator read them before). */
class DeltaEventTest {

    private static final String[] DELTAS = {
            "{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"msg_1\",\"output_index\":0,"
                    + "\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}",
            "{\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"delta\":\"no\"}",
            "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"summary_index\":2,\"delta\":\"**Plan**\","
                    + "\"obfuscation\":\"x\"}",
            "{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs_1\",\"content_index\":1,\"delta\":\"hm\"}",
            "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":\"{\\\"a\\\"\"}",
            // other types and repeats of the fields the translator reads
            "{\"type\":\"response.output_text.delta\",\"item_id\":7,\"delta\":null}",
            "{\"type\":\"response.output_text.delta\",\"delta\":[\"x\"],\"extra\":{\"a\":[{}]}}",
            "{\"type\":\"response.reasoning_summary_text.delta\",\"summary_index\":-3,\"content_index\":2.7,\"delta\":\"a\"}",
            "{\"type\":\"response.reasoning_text.delta\",\"content_index\":\"1\",\"summary_index\":3000000000,\"delta\":\"a\"}",
            "{\"type\":\"response.reasoning_text.delta\",\"content_index\":12345678901234567890123,\"delta\":\"a\"}",
            "{\"type\":\"response.output_text.delta\",\"delta\":\"a\",\"delta\":\"b\",\"item_id\":\"x\",\"item_id\":null}",
            "{\"delta\":\"no type\",\"item_id\":\"m\"}",
            "{\"type\":null,\"delta\":\"x\"}",
            "{\"delta\":\"x\",\"type\":\"response.output_text.delta\"}",
    };

    @Test
    void reads_delta_events_as_the_tree_did() throws IOException {
        for (String event : DELTAS) {
            assertEquals(fromTree(event), DeltaEvent.read(event), event);
        }
    }

    @Test
    void leaves_every_other_event_to_the_tree_once_its_type_shows() throws IOException {
        assertSame(DeltaEvent.OTHER, DeltaEvent.read("{\"type\":\"response.completed\",\"response\":{\"usage\":{}}}"));
        assertSame(DeltaEvent.OTHER, DeltaEvent.read("{\"type\":\"error\",\"message\":\"x\",\"code\":\"rate_limit\"}"));
        assertSame(DeltaEvent.OTHER, DeltaEvent.read("{\"delta\":\"x\",\"type\":\"response.output_text.done\"}"));
    }

    /** Null or an exception: the translator fails the stream alike (as the tree's null or exception did). */
    @ParameterizedTest
    @ValueSource(strings = {"null", "1", "[1]", "{}{}", "{} {"})
    void is_null_for_what_is_not_one_object(String data) throws IOException {
        assertNull(DeltaEvent.read(data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data: {}", "{} x", "{\"type\":", "{\"delta\":\"a\",}", "{\"type\":\"response.output_text.delta\",\"x\":[}"})
    void throws_for_what_is_not_json(String data) {
        assertThrows(IOException.class, () -> DeltaEvent.read(data));
    }

    private static DeltaEvent fromTree(String data) throws IOException {
        JsonNode json = ResponsesJson.MAPPER.readTree(data);
        return new DeltaEvent(ResponsesJson.text(json, "type"), ResponsesJson.text(json, "item_id"),
                ResponsesJson.text(json, "delta"), ResponsesJson.integer(json, "summary_index"),
                ResponsesJson.integer(json, "content_index"));
    }
}
