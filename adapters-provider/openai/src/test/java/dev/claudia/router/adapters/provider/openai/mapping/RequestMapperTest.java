package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningStyle;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;
import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.Calls;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolChoice;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.routing.Capabilities;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestMapperTest {

    private static JsonNode body(MessageRequest request, OpenAiChatOptions options, RawJson extraBody, boolean stream)
            throws Exception {
        return ProviderJson.MAPPER.readTree(RequestMapper.body(Calls.call(request, Capabilities.DEFAULT, extraBody,
                new ArrayList<>()), options, stream));
    }

    private static JsonNode body(MessageRequest request) throws Exception {
        return body(request, OpenAiChatOptions.DEFAULT, RawJson.EMPTY_OBJECT, false);
    }

    private static JsonNode clamped(MessageRequest request, int maxOutputTokens) throws Exception {
        return ProviderJson.MAPPER.readTree(RequestMapper.body(Calls.call(request, Calls.maxOutput(maxOutputTokens),
                new ArrayList<>()), OpenAiChatOptions.DEFAULT, false));
    }

    private static MessageRequest request(int maxTokens, Sampling sampling, List<String> stop, String userId,
                                          List<ToolDefinition> tools, ToolChoice choice, RawJson schema) {
        return new MessageRequest("claude-x", List.of(), List.of(Message.user("hi")), tools, choice, maxTokens, sampling,
                stop, userId, ThinkingConfig.UNSPECIFIED, null, schema, false, Set.of());
    }

    @Test
    void sends_the_provider_model_and_only_the_fields_that_were_set() throws Exception {
        JsonNode body = body(Calls.hello());
        assertEquals(ProviderJson.MAPPER.readTree("""
                {"model":"provider/model-1","messages":[{"role":"user","content":"Hello"}],"max_tokens":256}"""), body);
    }

    @Test
    void sends_max_tokens_as_the_application_fitted_it_capped_by_the_declared_output_limit() throws Exception {
        MessageRequest big = request(64000, Sampling.DEFAULT, List.of(), null, List.of(), null, null);
        assertEquals(8192, clamped(big, 8192).get("max_tokens").intValue());
        assertEquals(64000, clamped(big, 0).get("max_tokens").intValue());
        MessageRequest small = request(100, Sampling.DEFAULT, List.of(), null, List.of(), null, null);
        assertEquals(100, clamped(small, 8192).get("max_tokens").intValue());
    }

    @Test
    void passes_sampling_and_stop_sequences() throws Exception {
        JsonNode body = body(request(10, new Sampling(0.5, 0.9, 40), List.of("END"), null, List.of(), null, null));
        assertEquals(0.5, body.get("temperature").doubleValue());
        assertEquals(0.9, body.get("top_p").doubleValue());
        assertEquals(40, body.get("top_k").intValue());
        assertEquals(ProviderJson.MAPPER.readTree("[\"END\"]"), body.get("stop"));
    }

    @Test
    void hashes_the_user_id() throws Exception {
        String userId = "{\"device_id\":\"d\",\"account_uuid\":\"a\",\"session_id\":\"s\"}";
        JsonNode body = body(request(10, Sampling.DEFAULT, List.of(), userId, List.of(), null, null));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(userId.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        assertEquals(expected, body.get("user").textValue());
    }

    @Test
    void asks_for_a_strict_json_schema_answer() throws Exception {
        JsonNode body = body(request(10, Sampling.DEFAULT, List.of(), null, List.of(), null,
                new RawJson("{\"type\":\"object\"}")));
        assertEquals(ProviderJson.MAPPER.readTree("""
                {"type":"json_schema","json_schema":{"name":"output","schema":{"type":"object"},"strict":true}}"""),
                body.get("response_format"));
    }

    @Test
    void omits_tool_fields_when_no_tool_is_left() throws Exception {
        JsonNode body = body(request(10, Sampling.DEFAULT, List.of(), null,
                List.of(new ToolDefinition.Server("web_search_20250305", "web_search")), new ToolChoice.Any(true), null));
        assertFalse(body.has("tools") || body.has("tool_choice") || body.has("parallel_tool_calls"), body.toString());
    }

    @Test
    void sends_tools_with_their_choice_and_parallel_flag() throws Exception {
        JsonNode body = body(request(10, Sampling.DEFAULT, List.of(), null,
                List.of(new ToolDefinition.Function("Read", null, new RawJson("{\"type\":\"object\"}"))),
                new ToolChoice.Any(true), null));
        assertEquals("required", body.get("tool_choice").textValue());
        assertFalse(body.get("parallel_tool_calls").booleanValue());
        assertEquals("Read", body.at("/tools/0/function/name").textValue());
    }

    @Test
    void asks_for_stream_usage_only_where_the_provider_accepts_it() throws Exception {
        JsonNode with = body(Calls.hello(), OpenAiChatOptions.DEFAULT, RawJson.EMPTY_OBJECT, true);
        assertTrue(with.get("stream").booleanValue());
        assertTrue(with.at("/stream_options/include_usage").booleanValue());
        JsonNode without = body(Calls.hello(), Calls.options(ReasoningStyle.NONE, SystemMessages.USER_REMINDER,
                false, false), RawJson.EMPTY_OBJECT, true);
        assertTrue(without.get("stream").booleanValue());
        assertFalse(without.has("stream_options"));
        assertFalse(body(Calls.hello()).has("stream"));
    }

    @Test
    void merges_extra_body_last_objects_recursively_and_everything_else_replaced() throws Exception {
        MessageRequest request = new MessageRequest("claude-x", List.of(), List.of(Message.user("hi")), List.of(), null, 100,
                Sampling.DEFAULT, List.of(), null, new ThinkingConfig.Enabled(2048), null, null, false, Set.of());
        OpenAiChatOptions kwargs = Calls.options(ReasoningStyle.CHAT_TEMPLATE_KWARGS, SystemMessages.USER_REMINDER, true,
                false);
        JsonNode body = body(request, kwargs, new RawJson("""
                {"chat_template_kwargs":{"clear_thinking":false},"max_tokens":7,"stop":{"weird":true},
                 "provider":{"order":["a"]}}"""), false);
        assertEquals(ProviderJson.MAPPER.readTree("""
                {"model":"provider/model-1","messages":[{"role":"user","content":"hi"}],"max_tokens":7,
                 "chat_template_kwargs":{"enable_thinking":true,"clear_thinking":false},"stop":{"weird":true},
                 "provider":{"order":["a"]}}"""), body);
    }

    @Test
    void extra_body_can_replace_the_messages() throws Exception {
        JsonNode body = body(Calls.hello(), OpenAiChatOptions.DEFAULT, new RawJson("{\"messages\":[]}"), false);
        assertEquals(0, body.get("messages").size());
    }
}
