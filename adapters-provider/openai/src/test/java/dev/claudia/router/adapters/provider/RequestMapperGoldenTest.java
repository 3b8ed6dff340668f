package dev.claudia.router.adapters.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.claudia.router.adapters.provider.openai.mapping.RequestMapper;
import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningStyle;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.domain.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Domain requests (built by the {@link Requests} Mother) to OpenAI request bodies, against golden
 * files compared as JSON trees (key order does not matter, values do). Golden files are never
 * edited by hand: {@code -Dgolden.update=true} rewrites them from the current output and the
 * tests pass (review the diff before committing); a missing golden file is written and its test
 * fails once, so a new file is always looked at.
 */
class RequestMapperGoldenTest {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static String body(MessageRequest request, OpenAiChatOptions options, RawJson extraBody, boolean stream,
                               List<Warning> warnings) throws Exception {
        ProviderCall call = new ProviderCall(Calls.route(Capabilities.DEFAULT, extraBody), request, "msg_1", () -> 1,
                warnings::add);
        return PRETTY.writeValueAsString(PRETTY.readTree(RequestMapper.body(call, options, stream))) + "\n";
    }

    /** Compares as JSON trees; updating goes through {@link Golden}. */
    private static void checkJson(String name, String actual) throws Exception {
        if (Boolean.getBoolean("golden.update") || !java.nio.file.Files.exists(java.nio.file.Path.of("src/test/resources", name))) {
            Golden.check(name, actual);
            return;
        }
        assertEquals(PRETTY.readTree(Golden.read(name)), PRETTY.readTree(actual), "output differs from golden file " + name
                + " (rerun with -Dgolden.update=true if the change is intended)");
    }

    private static OpenAiChatOptions with(SystemMessages system, ReasoningStyle reasoning) {
        return new OpenAiChatOptions(reasoning, system, true, false);
    }

    @Test
    void translates_every_feature_of_a_late_claude_code_turn() throws Exception {
        List<Warning> warnings = new ArrayList<>();
        checkJson("golden/requests/kitchen-sink.openai.json",
                body(Requests.kitchenSink(), OpenAiChatOptions.DEFAULT, RawJson.EMPTY_OBJECT, true, warnings));
        Golden.check("golden/requests/kitchen-sink.warnings.json", DomainJson.render(warnings));
    }

    @ParameterizedTest
    @EnumSource(SystemMessages.class)
    void places_mid_conversation_system_messages_per_policy(SystemMessages policy) throws Exception {
        checkJson("golden/requests/system-" + policy.name().toLowerCase() + ".openai.json",
                body(Requests.kitchenSink(), with(policy, ReasoningStyle.NONE), RawJson.EMPTY_OBJECT, false, new ArrayList<>()));
    }

    @ParameterizedTest
    @EnumSource(ReasoningStyle.class)
    void asks_for_reasoning_in_each_dialect(ReasoningStyle style) throws Exception {
        StringBuilder all = new StringBuilder();
        for (var thinking : List.of(new ThinkingConfig.Enabled(20000), new ThinkingConfig.Adaptive(),
                new ThinkingConfig.Disabled(), ThinkingConfig.UNSPECIFIED)) {
            all.append("// ").append(thinking).append('\n')
                    .append(body(Requests.thinking(thinking, Effort.XHIGH), with(SystemMessages.USER_REMINDER, style),
                            RawJson.EMPTY_OBJECT, false, new ArrayList<>()));
        }
        Golden.check("golden/requests/reasoning-" + style.name().toLowerCase() + ".openai.txt", all.toString());
    }

    @Test
    void deep_merges_extra_body_last() throws Exception {
        checkJson("golden/requests/extra-body.openai.json", body(Requests.thinking(new ThinkingConfig.Adaptive(), null),
                with(SystemMessages.USER_REMINDER, ReasoningStyle.CHAT_TEMPLATE_KWARGS),
                new RawJson("{\"chat_template_kwargs\":{\"clear_thinking\":false},\"max_tokens\":99,\"top_k\":20}"),
                false, new ArrayList<>()));
    }

    @Test
    void reports_thinking_it_cannot_ask_for() throws Exception {
        List<Warning> warnings = new ArrayList<>();
        body(Requests.thinking(new ThinkingConfig.Adaptive(), null), OpenAiChatOptions.DEFAULT, RawJson.EMPTY_OBJECT, false, warnings);
        assertEquals(List.of("thinking"), warnings.stream().map(Warning::field).toList());
    }
}
