package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.domain.message.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FinishReasonsTest {

    @ParameterizedTest(name = "{0}, tool calls {1} -> {2}")
    @CsvSource({
            "stop, false, END_TURN", "stop, true, TOOL_USE",
            "length, false, MAX_TOKENS", "length, true, MAX_TOKENS",
            "tool_calls, false, TOOL_USE", "tool_calls, true, TOOL_USE", "function_call, true, TOOL_USE",
            "content_filter, false, REFUSAL", "content_filter, true, REFUSAL",
            "model_context_window_exceeded, false, MODEL_CONTEXT_WINDOW_EXCEEDED",
            ", false, END_TURN", ", true, TOOL_USE",
            "error, false, END_TURN", "error, true, TOOL_USE",
            "eos, false, END_TURN", "something_new, true, TOOL_USE"})
    void maps_each_finish_reason(String finish, boolean tools, StopReason expected) {
        assertEquals(new FinishReasons.Outcome(expected, null), FinishReasons.map(finish, null, List.of("END"), tools));
    }

    @Test
    void names_the_stop_sequence_vllm_reports() {
        assertEquals(new FinishReasons.Outcome(StopReason.STOP_SEQUENCE, "END"),
                FinishReasons.map("stop", "END", List.of("STOP", "END"), false));
    }

    @Test
    void ignores_a_stop_reason_that_is_not_one_of_ours() {
        // vLLM also reports the stop token id, or the EOS token, in stop_reason.
        assertEquals(new FinishReasons.Outcome(StopReason.END_TURN, null),
                FinishReasons.map("stop", "</s>", List.of("END"), false));
    }
}
