package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.claudia.router.adapters.provider.responses.Calls;
import dev.claudia.router.adapters.provider.responses.OpenAiResponsesOptions;
import dev.claudia.router.adapters.provider.responses.OpenAiResponsesOptions.ReasoningMode;
import dev.claudia.router.adapters.provider.responses.OpenAiResponsesOptions.Summary;
import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.domain.testing.Golden;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Domain requests to {@code POST /responses} bodies: one golden file for every feature at once
 * (compared as JSON trees; {@code -Dgolden.update=true} rewrites it, review the diff), and the rules
 * one by one.
 */
class RequestMapperTest {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ModelLimits CLAMP = new ModelLimits(0, 32000);

    private static JsonNode body(MessageRequest request, OpenAiResponsesOptions options, ModelLimits limits,
                                 RawJson extraBody, boolean stream, List<Warning> warnings) throws Exception {
        return PRETTY.readTree(RequestMapper.body(Calls.call(request, limits, extraBody, warnings), options, stream));
    }

    private static JsonNode body(MessageRequest request, OpenAiResponsesOptions options) throws Exception {
        return body(request, options, ModelLimits.UNDECLARED, RawJson.EMPTY_OBJECT, false, new ArrayList<>());
    }

    private static OpenAiResponsesOptions options(boolean store, ReasoningMode reasoning, Summary summary, String tier,
                                                  boolean sampling) {
        return new OpenAiResponsesOptions(store, reasoning, summary, tier, sampling);
    }

    @Test
    void translates_every_feature_of_a_late_claude_code_turn() throws Exception {
        List<Warning> warnings = new ArrayList<>();
        JsonNode body = body(Requests.kitchenSink(), OpenAiResponsesOptions.DEFAULT, CLAMP, RawJson.EMPTY_OBJECT, true,
                warnings);
        String name = "golden/requests/kitchen-sink.responses.json";
        if (Boolean.getBoolean("golden.update") || !Files.exists(Path.of("src/test/resources", name))) {
            Golden.check(name, PRETTY.writeValueAsString(body) + "\n");
        }
        assertEquals(PRETTY.readTree(Golden.read(name)), body, "output differs from golden file " + name);
        Golden.check("golden/requests/kitchen-sink.warnings.json", DomainJson.render(warnings));
    }

    @Test
    void leaves_out_what_the_caller_did_not_set() throws Exception {
        JsonNode body = body(Calls.hello(), OpenAiResponsesOptions.DEFAULT);
        assertEquals(PRETTY.readTree("{\"model\":\"gpt-test\",\"input\":[{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Hello\"}]}],\"max_output_tokens\":256,\"store\":false}"), body);
    }

    @Test
    void asks_for_reasoning_with_a_summary_and_its_encrypted_content_only_when_the_caller_wants_thinking() throws Exception {
        JsonNode adaptive = body(Requests.thinking(new ThinkingConfig.Adaptive(), Effort.LOW), OpenAiResponsesOptions.DEFAULT);
        assertEquals(PRETTY.readTree("{\"effort\":\"low\",\"summary\":\"auto\"}"), adaptive.get("reasoning"));
        assertEquals(PRETTY.readTree("[\"reasoning.encrypted_content\"]"), adaptive.get("include"));

        JsonNode budget = body(Requests.thinking(new ThinkingConfig.Enabled(20000), null), OpenAiResponsesOptions.DEFAULT);
        assertEquals("high", budget.at("/reasoning/effort").asText(), "a budget of 20000 is high effort");

        JsonNode effortOnly = body(Requests.thinking(new ThinkingConfig.Disabled(), Effort.MEDIUM), OpenAiResponsesOptions.DEFAULT);
        assertEquals(PRETTY.readTree("{\"effort\":\"medium\"}"), effortOnly.get("reasoning"), "no summary: nothing shows it");
        assertFalse(effortOnly.has("include"));

        JsonNode unspecified = body(Requests.thinking(ThinkingConfig.UNSPECIFIED, null), OpenAiResponsesOptions.DEFAULT);
        assertFalse(unspecified.has("reasoning"));
        assertFalse(unspecified.has("include"));
    }

    @Test
    void with_store_reasoning_goes_back_by_id_so_no_encrypted_content_is_asked_for() throws Exception {
        JsonNode body = body(Requests.thinking(new ThinkingConfig.Adaptive(), null),
                options(true, ReasoningMode.EFFORT, Summary.DETAILED, "flex", false));
        assertTrue(body.get("store").asBoolean());
        assertFalse(body.has("include"));
        assertEquals("detailed", body.at("/reasoning/summary").asText());
        assertEquals("flex", body.get("service_tier").asText());
    }

    @Test
    void a_model_without_reasoning_settings_gets_none_and_the_thinking_is_reported() throws Exception {
        List<Warning> warnings = new ArrayList<>();
        JsonNode body = body(Requests.thinking(new ThinkingConfig.Adaptive(), Effort.HIGH),
                options(false, ReasoningMode.NONE, Summary.AUTO, null, false), ModelLimits.UNDECLARED, RawJson.EMPTY_OBJECT,
                false, warnings);
        assertFalse(body.has("reasoning"));
        assertFalse(body.has("include"));
        assertEquals(List.of("thinking"), warnings.stream().map(Warning::field).toList());
    }

    @Test
    void sampling_goes_up_only_when_configured() throws Exception {
        MessageRequest request = new MessageRequest("m", List.of(), List.of(Message.user("x")), List.of(), null, 100,
                new dev.claudia.router.domain.message.Sampling(0.5, 0.8, null), List.of(), null, ThinkingConfig.UNSPECIFIED,
                null, null, false, java.util.Set.of());
        List<Warning> warnings = new ArrayList<>();
        JsonNode dropped = body(request, OpenAiResponsesOptions.DEFAULT, ModelLimits.UNDECLARED, RawJson.EMPTY_OBJECT, false,
                warnings);
        assertFalse(dropped.has("temperature"));
        assertFalse(dropped.has("top_p"));
        assertEquals(List.of("temperature", "top_p"), warnings.stream().map(Warning::field).toList());
        JsonNode sent = body(request, options(false, ReasoningMode.EFFORT, Summary.AUTO, null, true));
        assertEquals(0.5, sent.get("temperature").asDouble());
        assertEquals(0.8, sent.get("top_p").asDouble());
    }

    @Test
    void max_tokens_is_clamped_by_the_route_and_raised_to_openais_minimum() throws Exception {
        List<Warning> warnings = new ArrayList<>();
        JsonNode one = body(MessageRequest.of("m", 1, List.of(Message.user("quota"))), OpenAiResponsesOptions.DEFAULT,
                ModelLimits.UNDECLARED, RawJson.EMPTY_OBJECT, false, warnings);
        assertEquals(16, one.get("max_output_tokens").asInt(), "Claude Code's quota probe asks for 1");
        assertEquals(List.of("max_tokens"), warnings.stream().map(Warning::field).toList());
        JsonNode clamped = body(MessageRequest.of("m", 64000, List.of(Message.user("x"))), OpenAiResponsesOptions.DEFAULT,
                CLAMP, RawJson.EMPTY_OBJECT, false, new ArrayList<>());
        assertEquals(32000, clamped.get("max_output_tokens").asInt());
    }

    @Test
    void extra_body_is_deep_merged_last_and_can_reach_anything() throws Exception {
        JsonNode body = body(Requests.thinking(new ThinkingConfig.Adaptive(), Effort.HIGH), OpenAiResponsesOptions.DEFAULT,
                ModelLimits.UNDECLARED, new RawJson("{\"reasoning\":{\"effort\":\"xhigh\"},\"truncation\":\"auto\",\"store\":true}"),
                false, new ArrayList<>());
        assertEquals(PRETTY.readTree("{\"effort\":\"xhigh\",\"summary\":\"auto\"}"), body.get("reasoning"));
        assertEquals("auto", body.get("truncation").asText());
        assertTrue(body.get("store").asBoolean());
        assertEquals("think", body.at("/input/0/content/0/text").asText(), "the conversation survives the merge");
    }

    @Test
    void streams_when_asked() throws Exception {
        JsonNode body = body(Calls.hello(), OpenAiResponsesOptions.DEFAULT, ModelLimits.UNDECLARED, RawJson.EMPTY_OBJECT, true,
                new ArrayList<>());
        assertTrue(body.get("stream").asBoolean());
        assertFalse(body.has("stream_options"), "Responses streams always carry usage in response.completed");
    }
}
