package dev.claudia.router.fakeopenai.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake refuses what each provider refuses, in the provider's words, and takes what it takes. */
class DialectRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DialectRules rules = new DialectRules();

    private Refusal check(String path, String request) throws Exception {
        return rules.check(path, JSON.readTree(request));
    }

    private static JsonNode body(Refusal refusal) throws Exception {
        return JSON.readTree(refusal.body());
    }

    private static final String TOOL_TURN = """
            "messages":[{"role":"user","content":"go"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function","function":{"name":"Bash","arguments":"{}"}%s}]},
              {"role":"tool","tool_call_id":"%s","content":"ok"}%s]""";

    private static String turn(String id, String extra, String after) {
        return TOOL_TURN.formatted(id, extra, id, after);
    }

    @Test
    void openai_refuses_a_65_character_function_name_and_a_41_character_id() throws Exception {
        String name = "mcp__" + "a".repeat(60);
        Refusal refusal = check("/openai/v1/chat/completions", "{\"model\":\"m\",\"messages\":[],\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"" + name + "\"}}]}");
        assertEquals(400, refusal.status());
        assertEquals("Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, but got a "
                + "string with length 65 instead.", body(refusal).at("/error/message").asText());
        Refusal id = check("/openai/v1/chat/completions", "{\"model\":\"m\"," + turn("c".repeat(41), "", "") + "}");
        assertEquals("Invalid 'messages[1].tool_calls[0].id': string too long. Expected a string with maximum length 40, but "
                + "got a string with length 41 instead.", body(id).at("/error/message").asText());
        assertNull(check("/openai/v1/chat/completions", "{\"model\":\"m\"," + turn("call_1", "", "") + "}"));
        assertTrue(body(check("/openai/v1/chat/completions", "{\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"x\"}]}"))
                .at("/error/message").asText().startsWith("Invalid parameter: messages with role 'tool' must be a response"));
    }

    @Test
    void mistral_refuses_long_ids_extra_fields_reasoning_and_user_after_tool() throws Exception {
        assertEquals("Tool call id was toolu_01ABC but must be a-z, A-Z, 0-9, with a length of 9.",
                body(check("/mistral/v1/chat/completions", "{\"model\":\"m\"," + turn("toolu_01ABC", "", "") + "}"))
                        .path("message").asText());
        Refusal extra = check("/mistral/v1/chat/completions", "{\"model\":\"m\",\"top_k\":20,\"messages\":[]}");
        assertEquals(422, extra.status());
        assertEquals("{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"top_k\"],"
                + "\"msg\":\"Extra inputs are not permitted\",\"input\":20}]},\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":null}", extra.body());
        assertTrue(check("/mistral/v1/chat/completions", "{\"messages\":[{\"role\":\"assistant\",\"content\":\"a\","
                + "\"reasoning_content\":\"r\"}]}").body().contains("[\"body\",\"messages\",0,\"assistant\",\"reasoning_content\"]"));
        assertEquals("Unexpected role 'user' after role 'tool'", body(check("/mistral/v1/chat/completions",
                "{\"model\":\"m\"," + turn("abcDEF123", "", ",{\"role\":\"user\",\"content\":\"next\"}") + "}"))
                .path("message").asText());
        assertNull(check("/mistral/v1/chat/completions", "{\"model\":\"m\"," + turn("abcDEF123", "", "") + "}"));
    }

    @Test
    void deepseek_refuses_a_tool_turn_without_its_reasoning_in_thinking_mode() throws Exception {
        assertEquals("The `reasoning_content` in the thinking mode must be passed back to the API.",
                body(check("/deepseek/chat/completions", "{\"model\":\"deepseek-v4\"," + turn("call_1", "", "") + "}"))
                        .at("/error/message").asText());
        assertNull(check("/deepseek/chat/completions", "{\"model\":\"deepseek-v4\",\"thinking\":{\"type\":\"disabled\"},"
                + turn("call_1", "", "") + "}"));
        assertNull(check("/deepseek/chat/completions", "{\"model\":\"deepseek-v4\"," + turn("call_1", "", "")
                .replace("\"content\":null,", "\"content\":null,\"reasoning_content\":\"\",") + "}"));
        assertEquals("Invalid max_tokens value, the valid range of max_tokens is [1, 8192]", body(check(
                "/deepseek/chat/completions", "{\"model\":\"deepseek-chat\",\"max_tokens\":32000,\"messages\":[]}"))
                .at("/error/message").asText());
    }

    @Test
    void gemini_refuses_unknown_names_schema_keywords_and_unsigned_or_foreign_signatures() throws Exception {
        String path = "/gemini/v1beta/openai/chat/completions";
        assertEquals("Invalid JSON payload received. Unknown name \"top_k\": Cannot find field.",
                body(check(path, "{\"model\":\"g\",\"top_k\":3,\"messages\":[]}")).at("/0/error/message").asText());
        String schema = body(check(path, "{\"model\":\"g\",\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"Read\",\"parameters\":{\"$schema\":\"x\",\"type\":\"object\",\"properties\":{\"a\":{\"type\":"
                + "\"string\",\"format\":\"uri\",\"propertyNames\":{}}},\"additionalProperties\":false}}}]}"))
                .at("/0/error/message").asText();
        assertEquals("Invalid JSON payload received. Unknown name \"$schema\" at 'tools[0].function_declarations[0]."
                + "parameters': Cannot find field.\nInvalid JSON payload received. Unknown name \"additionalProperties\" at "
                + "'tools[0].function_declarations[0].parameters': Cannot find field.\nInvalid JSON payload received. Unknown "
                + "name \"propertyNames\" at 'tools[0].function_declarations[0].parameters.properties[0].value': Cannot find "
                + "field.\n* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[0].value.format: "
                + "only 'enum' and 'date-time' are supported for STRING type", schema);
        assertTrue(body(check(path, "{\"model\":\"g\"," + turn("fc_1", "", "") + "}")).at("/0/error/message").asText()
                .startsWith("Function call is missing a thought_signature in functionCall parts."));
        String signed = ",\"extra_content\":{\"google\":{\"thought_signature\":\"%s\"}}";
        assertEquals("Corrupted thought signature.", body(check(path, "{\"model\":\"g\","
                + turn("fc_1", signed.formatted("Zm9yZ2Vk"), "") + "}")).at("/0/error/message").asText());
        rules.remember("{\"sse\":[{\"data\":\"{\\\"extra_content\\\":{\\\"google\\\":{\\\"thought_signature\\\":\\\"Q2lR+/==\\\"}}}\"}]}");
        assertNull(check(path, "{\"model\":\"g\"," + turn("fc_1", signed.formatted("Q2lR+/=="), "") + "}"));
        assertNull(check(path, "{\"model\":\"g\"," + turn("fc_1", signed.formatted(GeminiRules.SKIP), "") + "}"));
    }

    @Test
    void groq_and_openrouter_in_their_own_words_and_paths_without_a_dialect_take_anything() throws Exception {
        assertEquals("property 'top_k' is unsupported", body(check("/groq/openai/v1/chat/completions",
                "{\"model\":\"m\",\"top_k\":1,\"messages\":[]}")).at("/error/message").asText());
        assertEquals("'messages.0' : for 'role: assistant' the following must be satisfied[('messages.0' : property "
                + "'reasoning_content' is unsupported)]", body(check("/groq/openai/v1/chat/completions",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"a\",\"reasoning_content\":\"r\"}]}"))
                .at("/error/message").asText());
        JsonNode routed = body(check("/openrouter/api/v1/chat/completions", "{\"model\":\"m\",\"messages\":[],\"tools\":"
                + "[{\"type\":\"function\",\"function\":{\"name\":\"" + "x".repeat(70) + "\"}}]}"));
        assertEquals("Provider returned error", routed.at("/error/message").asText());
        assertTrue(routed.at("/error/metadata/raw").asText().contains("string too long"));
        assertNull(check("/v1/chat/completions", "{\"top_k\":1,\"anything\":true}"));
        assertNull(check("/vllm/v1/chat/completions", "{\"top_k\":1,\"chat_template_kwargs\":{}}"));
    }
}
