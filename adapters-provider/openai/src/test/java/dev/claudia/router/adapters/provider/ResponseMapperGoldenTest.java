package dev.claudia.router.adapters.provider;

import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import dev.claudia.router.adapters.provider.openai.mapping.ResponseMapper;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.domain.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recorded OpenAI chat completions to domain messages, against golden files rendered by the
 * domain's DomainJson. Regenerate with {@code -Dgolden.update=true} (the tests then pass; review the
 * diff), never by hand.
 */
class ResponseMapperGoldenTest {

    static MessageResponse map(String completion, OpenAiChatOptions options) throws Exception {
        MessageRequest request = new MessageRequest("claude-test", List.of(), List.of(Message.user("hi")), List.of(), null,
                100, dev.claudia.router.domain.message.Sampling.DEFAULT, List.of("STOP"), null,
                dev.claudia.router.domain.message.ThinkingConfig.UNSPECIFIED, null, null, false, java.util.Set.of());
        ProviderCall call = new ProviderCall(Calls.route(), request, "msg_1", () -> 42, w -> { });
        return ResponseMapper.toMessage(ProviderJson.MAPPER.readTree(completion), call, options, Calls.ids(), Calls.quarterTokens());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "reasoning-content", "reasoning-openrouter", "tool-calls", "refusal", "content-parts",
        "usage-cached", "usage-deepseek", "no-usage", "empty", "think-tags", "stop-sequence"})
    void maps_recorded_answers_as_the_golden_files_say(String name) throws Exception {
        String completion = Golden.read("golden/responses/" + name + ".openai.json");
        OpenAiChatOptions options = name.equals("think-tags") ? Streams.splitThinkTags() : OpenAiChatOptions.DEFAULT;
        Golden.check("golden/responses/" + name + ".domain.json", DomainJson.render(map(completion, options)));
    }

    @Test
    void the_same_inline_thinking_stays_text_unless_the_route_splits_think_tags() throws Exception {
        MessageResponse plain = map(Golden.read("golden/responses/think-tags.openai.json"), OpenAiChatOptions.DEFAULT);
        assertEquals(1, plain.content().size());
        assertTrue(plain.content().getFirst() instanceof dev.claudia.router.domain.message.ContentBlock.Text t
                && t.text().startsWith("<think>"));
    }

    @Test
    void arguments_beyond_repair_are_an_error_naming_the_tool() {
        ProviderException e = assertThrows(ProviderException.class, () -> map("{\"choices\":[{\"message\":{\"tool_calls\":"
                + "[{\"id\":\"c\",\"function\":{\"name\":\"Bash\",\"arguments\":\"rm -rf ]]\"}}]},\"finish_reason\":\"tool_calls\"}]}",
                OpenAiChatOptions.DEFAULT));
        assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
        assertTrue(e.getMessage().contains("'Bash'") && e.getMessage().contains("rm -rf ]]"), e.getMessage());
    }

    @Test
    void an_in_band_error_body_is_a_failure() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> map("{\"error\":{\"message\":\"quota exceeded\",\"code\":429}}", OpenAiChatOptions.DEFAULT));
        assertEquals(FailureKind.RATE_LIMITED, e.failure().kind());
    }

    @Test
    void an_answer_without_choices_is_malformed() {
        ProviderException e = assertThrows(ProviderException.class, () -> map("{\"object\":\"list\"}", OpenAiChatOptions.DEFAULT));
        assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
    }

}
