package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReasoningMapperTest {

    private static MessageRequest request(ThinkingConfig thinking, Effort effort) {
        return new MessageRequest("m", List.of(), List.of(Message.user("x")), List.of(), null, 100, Sampling.DEFAULT,
                List.of(), null, thinking, effort, null, false, Set.of());
    }

    private static ReasoningMapper.Reasoning map(ThinkingConfig thinking, Effort effort, ReasoningStyle style) {
        return ReasoningMapper.map(request(thinking, effort), style, w -> { throw new AssertionError(w.toString()); });
    }

    @ParameterizedTest(name = "budget {0} -> {1}")
    @CsvSource({"1024, low", "4095, low", "4096, medium", "16383, medium", "16384, high", "64000, high"})
    void buckets_thinking_budgets_into_reasoning_effort(int budget, String effort) {
        assertEquals(new ReasoningMapper.Reasoning(effort, Map.of()),
                map(new ThinkingConfig.Enabled(budget), null, ReasoningStyle.EFFORT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"LOW, low", "MEDIUM, medium", "HIGH, high", "XHIGH, high", "MAX, high", ", medium"})
    void maps_adaptive_thinking_to_the_requested_effort(Effort effort, String expected) {
        assertEquals(expected, map(new ThinkingConfig.Adaptive(), effort, ReasoningStyle.EFFORT).effort());
    }

    @Test
    void sends_no_effort_when_thinking_is_disabled_or_unspecified() {
        assertEquals(ReasoningMapper.Reasoning.NONE, map(new ThinkingConfig.Disabled(), null, ReasoningStyle.EFFORT));
        assertEquals(ReasoningMapper.Reasoning.NONE, map(ThinkingConfig.UNSPECIFIED, Effort.HIGH, ReasoningStyle.EFFORT));
    }

    @Test
    void switches_chat_template_thinking_on_and_off() {
        assertEquals(Map.of("chat_template_kwargs", Map.of("enable_thinking", true)),
                map(new ThinkingConfig.Enabled(2048), null, ReasoningStyle.CHAT_TEMPLATE_KWARGS).extras());
        assertEquals(Map.of("chat_template_kwargs", Map.of("enable_thinking", true)),
                map(new ThinkingConfig.Adaptive(), null, ReasoningStyle.CHAT_TEMPLATE_KWARGS).extras());
        assertEquals(Map.of("chat_template_kwargs", Map.of("enable_thinking", false)),
                map(new ThinkingConfig.Disabled(), null, ReasoningStyle.CHAT_TEMPLATE_KWARGS).extras());
        assertEquals(Map.of(), map(ThinkingConfig.UNSPECIFIED, null, ReasoningStyle.CHAT_TEMPLATE_KWARGS).extras());
    }

    @Test
    void switches_deepseek_template_thinking_with_its_own_key() {
        assertEquals(Map.of("chat_template_kwargs", Map.of("thinking", true)),
                map(new ThinkingConfig.Adaptive(), Effort.HIGH, ReasoningStyle.CHAT_TEMPLATE_KWARGS_THINKING).extras());
        assertEquals(Map.of("chat_template_kwargs", Map.of("thinking", false)),
                map(new ThinkingConfig.Disabled(), null, ReasoningStyle.CHAT_TEMPLATE_KWARGS_THINKING).extras());
        assertEquals(Map.of(), map(ThinkingConfig.UNSPECIFIED, null, ReasoningStyle.CHAT_TEMPLATE_KWARGS_THINKING).extras());
        assertNull(map(new ThinkingConfig.Enabled(2048), null, ReasoningStyle.CHAT_TEMPLATE_KWARGS_THINKING).effort());
    }

    @Test
    void speaks_openrouters_reasoning_object() {
        assertEquals(Map.of("reasoning", Map.of("max_tokens", 8000)),
                map(new ThinkingConfig.Enabled(8000), null, ReasoningStyle.OPENROUTER).extras());
        assertEquals(Map.of("reasoning", Map.of("effort", "low")),
                map(new ThinkingConfig.Adaptive(), Effort.LOW, ReasoningStyle.OPENROUTER).extras());
        assertEquals(Map.of("reasoning", Map.of("enabled", false)),
                map(new ThinkingConfig.Disabled(), null, ReasoningStyle.OPENROUTER).extras());
        assertNull(map(new ThinkingConfig.Adaptive(), Effort.LOW, ReasoningStyle.OPENROUTER).effort());
    }

    @Test
    void speaks_deepseeks_thinking_type() {
        assertEquals(Map.of("thinking", Map.of("type", "enabled")),
                map(new ThinkingConfig.Adaptive(), null, ReasoningStyle.THINKING_TYPE).extras());
        assertEquals(Map.of("thinking", Map.of("type", "disabled")),
                map(new ThinkingConfig.Disabled(), null, ReasoningStyle.THINKING_TYPE).extras());
        assertEquals(Map.of(), map(ThinkingConfig.UNSPECIFIED, null, ReasoningStyle.THINKING_TYPE).extras());
    }

    @Test
    void warns_when_thinking_is_wanted_but_the_route_has_no_dialect() {
        List<Warning> warnings = new ArrayList<>();
        assertEquals(ReasoningMapper.Reasoning.NONE,
                ReasoningMapper.map(request(new ThinkingConfig.Enabled(5000), null), ReasoningStyle.NONE, warnings::add));
        ReasoningMapper.map(request(new ThinkingConfig.Disabled(), null), ReasoningStyle.NONE, warnings::add);
        assertEquals(List.of(new Warning("thinking", "route has no reasoning dialect (options.reasoning)")), warnings);
    }
}
