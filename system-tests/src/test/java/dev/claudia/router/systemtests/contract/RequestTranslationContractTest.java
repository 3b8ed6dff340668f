package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the router sends upstream for each Anthropic request feature, as the fake provider received it. */
class RequestTranslationContractTest {

    private static final String OK = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}";

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void start() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = RouterUnderTest.start(container.baseUrl(), Map.of(
                "claude-req-plain", profile("req-plain", 1, ""),
                "claude-req-tools", profile("req-tools", 1, ""),
                "claude-req-glm", profile("req-glm", 1, "\"extraBody\":{\"chat_template_kwargs\":{\"enable_thinking\":true,"
                        + "\"clear_thinking\":false},\"top_k\":20},\"capabilities\":{\"reasoning\":\"chat_template_kwargs\"}"),
                "claude-req-effort", profile("req-effort", 1, "\"maxOutputTokens\":4096,\"capabilities\":{\"reasoning\":\"effort\"}")),
                Map.of());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    /** Sends {@code body} with {@code model} and returns what the fake received for {@code providerModel}. */
    private static JsonNode sent(String providerModel, String body) {
        fake.script(providerModel, Script.json(OK));
        int before = fake.requests(providerModel).size();
        HttpResponse<String> response = router.post("/v1/messages?beta=true", body);
        assertEquals(200, response.statusCode(), response.body());
        var received = fake.requests(providerModel);
        assertEquals(before + 1, received.size());
        return received.getLast();
    }

    @Test
    void system_prompt_mid_conversation_system_images_documents_and_user_metadata() {
        JsonNode request = sent("req-plain", """
                {"model":"claude-req-plain","max_tokens":300,"temperature":0.3,"top_p":0.8,"stop_sequences":["END"],
                 "metadata":{"user_id":"{\\"device_id\\":\\"d1\\",\\"session_id\\":\\"s1\\"}"},
                 "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.197;"},
                           {"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
                 "context_management":{"edits":[]},"service_tier":"auto",
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Look:"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                     {"type":"image","source":{"type":"url","url":"https://example.com/a.jpg"}},
                     {"type":"document","title":"n.txt","source":{"type":"text","media_type":"text/plain","data":"doc body"}},
                     {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"}}]},
                   {"role":"system","content":"Be careful."},
                   {"role":"assistant","content":"Sure."},
                   {"role":"user","content":"Go on."}]}""");
        JsonNode body = request.get("body");
        assertEquals("sk-fake-backend-key", request.at("/headers/authorization").asText().substring(7),
                "the backend's key, never the caller's");
        assertEquals("req-plain", body.get("model").asText());
        assertEquals(300, body.get("max_tokens").asInt());
        assertEquals(0.3, body.get("temperature").asDouble());
        assertEquals(0.8, body.get("top_p").asDouble());
        assertEquals("END", body.at("/stop/0").asText());
        assertEquals(32, body.get("user").asText().length(), "hashed metadata.user_id");
        assertFalse(body.get("user").asText().contains("d1"));
        JsonNode messages = body.get("messages");
        assertEquals("system", messages.at("/0/role").asText());
        assertEquals("You are terse.", messages.at("/0/content").asText(), "billing header dropped, cache_control gone");
        assertEquals("user", messages.at("/1/role").asText());
        assertEquals("image_url", messages.at("/1/content/1/type").asText());
        assertEquals("data:image/png;base64,iVBORw0KGgo=", messages.at("/1/content/1/image_url/url").asText());
        assertEquals("https://example.com/a.jpg", messages.at("/1/content/2/image_url/url").asText());
        assertEquals("<document title=\"n.txt\">\ndoc body\n</document>", messages.at("/1/content/3/text").asText());
        assertEquals("file", messages.at("/1/content/4/type").asText());
        assertEquals("data:application/pdf;base64,JVBERi0x", messages.at("/1/content/4/file/file_data").asText());
        assertTrue(messages.at("/1/content/5/text").asText().contains("<system-reminder>\nBe careful.\n</system-reminder>"),
                "mid-conversation system text follows as a reminder: " + messages.get(1));
        assertEquals("assistant", messages.at("/2/role").asText());
        assertEquals("Sure.", messages.at("/2/content").asText());
        assertEquals("Go on.", messages.at("/3/content").asText());
        for (String dropped : new String[] {"context_management", "service_tier", "metadata", "system", "stop_sequences",
            "cache_control", "thinking", "output_config"}) {
            assertFalse(body.has(dropped), dropped + " is never forwarded raw");
        }
        assertFalse(body.toString().contains("cache_control"));
    }

    @Test
    void tools_tool_choice_and_a_tool_round_trip_in_order() {
        JsonNode body = sent("req-tools", """
                {"model":"claude-req-tools","max_tokens":100,
                 "tools":[{"name":"Read","description":"Read a file","input_schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"],"additionalProperties":false}},
                          {"type":"web_search_20250305","name":"web_search","max_uses":3}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[
                   {"role":"user","content":"Read both"},
                   {"role":"assistant","content":[{"type":"text","text":"Reading."},
                      {"type":"tool_use","id":"toolu_A","name":"Read","input":{"file_path":"/a"}},
                      {"type":"tool_use","id":"toolu_B","name":"Read","input":{"file_path":"/ü \\"b\\""}}]},
                   {"role":"user","content":[
                      {"type":"tool_result","tool_use_id":"toolu_A","content":"alpha"},
                      {"type":"tool_result","tool_use_id":"toolu_B","is_error":true,"content":[{"type":"text","text":"missing"},
                         {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}}]},
                      {"type":"text","text":"Now what?"}]}]}""").get("body");
        assertEquals(1, body.get("tools").size(), "the server tool is left out");
        assertEquals("Read", body.at("/tools/0/function/name").asText());
        assertEquals("https://json-schema.org/draft/2020-12/schema", body.at("/tools/0/function/parameters/$schema").asText());
        assertFalse(body.at("/tools/0/function/parameters/additionalProperties").asBoolean(true));
        assertEquals("required", body.get("tool_choice").asText());
        assertFalse(body.get("parallel_tool_calls").asBoolean(true));
        JsonNode m = body.get("messages");
        assertEquals("assistant", m.at("/1/role").asText());
        assertEquals("Reading.", m.at("/1/content").asText());
        assertEquals("toolu_A", m.at("/1/tool_calls/0/id").asText());
        assertEquals("{\"file_path\":\"/a\"}", m.at("/1/tool_calls/0/function/arguments").asText());
        assertEquals("{\"file_path\":\"/ü \\\"b\\\"\"}", m.at("/1/tool_calls/1/function/arguments").asText());
        assertEquals("tool", m.at("/2/role").asText());
        assertEquals("toolu_A", m.at("/2/tool_call_id").asText());
        assertEquals("alpha", m.at("/2/content").asText());
        assertEquals("tool", m.at("/3/role").asText());
        assertEquals("toolu_B", m.at("/3/tool_call_id").asText());
        assertEquals("[tool error] missing\n[image attached in the next message]", m.at("/3/content").asText());
        assertEquals("user", m.at("/4/role").asText(), "then the user turn: the tool's image, then the text");
        assertEquals("data:image/jpeg;base64,/9j/", m.at("/4/content/0/image_url/url").asText());
        assertEquals("Now what?", m.at("/4/content/1/text").asText());
    }

    @Test
    void named_and_none_tool_choice_and_no_parallel_flag_without_tools() {
        JsonNode named = sent("req-tools", """
                {"model":"claude-req-tools","max_tokens":10,"tool_choice":{"type":"tool","name":"Read"},
                 "tools":[{"name":"Read","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"x"}]}""")
                .get("body");
        assertEquals("function", named.at("/tool_choice/type").asText());
        assertEquals("Read", named.at("/tool_choice/function/name").asText());
        JsonNode none = sent("req-tools", """
                {"model":"claude-req-tools","max_tokens":10,"tool_choice":{"type":"none"},
                 "tools":[{"name":"Read","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"x"}]}""")
                .get("body");
        assertEquals("none", none.get("tool_choice").asText());
        JsonNode noTools = sent("req-tools", """
                {"model":"claude-req-tools","max_tokens":10,"tool_choice":{"type":"auto","disable_parallel_tool_use":true},
                 "messages":[{"role":"user","content":"x"}]}""").get("body");
        assertFalse(noTools.has("tools") || noTools.has("tool_choice") || noTools.has("parallel_tool_calls"),
                "OpenAI rejects tool_choice and parallel_tool_calls without tools: " + noTools);
    }

    @Test
    void claude_codes_real_first_request_reaches_the_provider_without_loss() throws Exception {
        String fixture = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("claudia.home", ".."),
                "adapters-http/src/test/resources/requests/claude-code-first-request.json"));
        JsonNode original = RouterUnderTest.JSON.readTree(fixture);
        String body = ((com.fasterxml.jackson.databind.node.ObjectNode) original).put("model", "claude-req-plain")
                .put("stream", false).toString();
        JsonNode sent = sent("req-plain", body).get("body");
        assertEquals(24, sent.get("tools").size());
        for (int i = 0; i < 24; i++) {
            assertEquals(original.at("/tools/" + i + "/name"), sent.at("/tools/" + i + "/function/name"));
            assertEquals(original.at("/tools/" + i + "/description"), sent.at("/tools/" + i + "/function/description"));
            assertEquals(original.at("/tools/" + i + "/input_schema"), sent.at("/tools/" + i + "/function/parameters"),
                    "schema of " + original.at("/tools/" + i + "/name") + " ($schema, anyOf, propertyNames... unchanged)");
        }
        StringBuilder system = new StringBuilder();
        for (JsonNode block : original.get("system")) {
            system.append(system.isEmpty() ? "" : "\n\n").append(block.get("text").asText());
        }
        assertEquals(system.toString(), sent.at("/messages/0/content").asText());
        assertEquals(original.get("max_tokens").asInt(), sent.get("max_tokens").asInt());
        String user = sent.at("/messages/1/content").asText();
        assertTrue(user.contains("Say hello"), user);
        assertTrue(user.contains("<system-reminder>"), "the mid-conversation system message follows as a reminder");
        assertFalse(sent.toString().contains("clear_thinking_20251015"), "context_management is not forwarded");
    }

    @Test
    void thinking_uses_the_profile_dialect_and_extra_body_is_deep_merged() {
        JsonNode body = sent("req-glm", """
                {"model":"claude-req-glm","max_tokens":50,"thinking":{"type":"adaptive"},"output_config":{"effort":"high"},
                 "messages":[{"role":"user","content":"think"}]}""").get("body");
        assertTrue(body.at("/chat_template_kwargs/enable_thinking").asBoolean());
        assertFalse(body.at("/chat_template_kwargs/clear_thinking").asBoolean(true), "extraBody merged into the dialect's object");
        assertEquals(20, body.get("top_k").asInt());
        JsonNode effort = sent("req-effort", """
                {"model":"claude-req-effort","max_tokens":64000,"thinking":{"type":"enabled","budget_tokens":2048},
                 "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"string"}}}}},
                 "messages":[{"role":"user","content":"x"}]}""").get("body");
        assertEquals("low", effort.get("reasoning_effort").asText(), "budget under 4096");
        assertEquals(4096, effort.get("max_tokens").asInt(), "clamped to the profile's maxOutputTokens");
        assertEquals("json_schema", effort.at("/response_format/type").asText());
        assertEquals("object", effort.at("/response_format/json_schema/schema/type").asText());
        assertTrue(effort.at("/response_format/json_schema/strict").asBoolean());
    }
}
