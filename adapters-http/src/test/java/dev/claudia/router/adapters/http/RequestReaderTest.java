package dev.claudia.router.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.http.mapping.ApiError;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.domain.testing.Golden;
import dev.claudia.router.adapters.http.mapping.JsonInput;
import dev.claudia.router.adapters.http.mapping.RequestReader;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.message.Warning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestReaderTest {

    private final List<Warning> warnings = new ArrayList<>();

    private MessageRequest read(String json) throws Exception {
        return RequestReader.read(JsonInput.root(Json.MAPPER.readTree(json)), Set.of(), false, warnings::add);
    }

    @Test
    void reads_every_supported_block_and_field_as_the_golden_file_says() throws Exception {
        MessageRequest request = read(Golden.read("requests/kitchen-sink.json"));
        Golden.check("requests/kitchen-sink.domain.json", DomainJson.render(request));
        Golden.check("requests/kitchen-sink.warnings.json", DomainJson.render(warnings));
    }

    @Test
    void reads_claude_code_2_1_332s_tool_search_shapes_deferred_tools_and_tool_references() throws Exception {
        MessageRequest request = read("""
                {"model":"m","max_tokens":10,
                 "tools":[{"name":"DeferredToolPlaceholder","description":"never call this tool",
                           "input_schema":{"type":"object","properties":{}},"defer_loading":true},
                          {"name":"ToolSearch","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"edit the notebook"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"ToolSearch",
                     "input":{"query":"select:NotebookEdit"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                     "content":[{"type":"tool_reference","tool_name":"NotebookEdit"}],"cache_control":{"type":"ephemeral"}}]}]}
                """);
        assertTrue(((ToolDefinition.Function) request.tools().get(0)).deferLoading());
        assertEquals(false, ((ToolDefinition.Function) request.tools().get(1)).deferLoading());
        ContentBlock.ToolResult result = (ContentBlock.ToolResult) request.messages().get(2).content().getFirst();
        assertEquals(List.of(new ContentBlock.ToolReference("NotebookEdit")), result.content());
        assertEquals(Set.of("NotebookEdit"), request.referencedTools());
        assertTrue(warnings.stream().noneMatch(w -> w.field().contains("defer_loading")), warnings.toString());
    }

    @Test
    void a_tool_reference_outside_a_tool_result_is_a_clear_400() {
        ApiError e = assertThrows(ApiError.class, () -> read("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"tool_reference","tool_name":"X"}]}]}"""));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'tool_reference' blocks may only appear in the content of a tool_result"),
                e.getMessage());
    }

    @Test
    void reads_claude_codes_real_first_request_without_losing_anything() throws Exception {
        String json = Golden.read("requests/claude-code-first-request.json");
        JsonNode original = Json.MAPPER.readTree(json);
        MessageRequest request = read(json);

        assertEquals(24, request.tools().size());
        for (int i = 0; i < 24; i++) {
            ToolDefinition.Function tool = assertInstanceOf(ToolDefinition.Function.class, request.tools().get(i));
            JsonNode in = original.get("tools").get(i);
            assertEquals(in.get("name").asText(), tool.name());
            assertEquals(in.get("description").asText(), tool.description());
            assertEquals(in.get("input_schema"), Json.MAPPER.readTree(tool.inputSchema().text()),
                    "schema of " + tool.name() + " must pass through unchanged ($schema, anyOf, propertyNames...)");
        }
        assertEquals(3, request.system().size());
        assertEquals(List.of(Role.USER, Role.SYSTEM), request.messages().stream().map(m -> m.role()).toList());
        assertEquals(new ContentBlock.Text("Say hello"), request.messages().getFirst().content().get(1));
        assertInstanceOf(ThinkingConfig.Adaptive.class, request.thinking());
        assertEquals(Effort.HIGH, request.effort());
        assertEquals(original.get("metadata").get("user_id").asText(), request.userId());
        assertEquals(original.get("max_tokens").asInt(), request.maxTokens());
        assertTrue(request.stream());
        assertTrue(warnings.stream().anyMatch(w -> w.field().equals("context_management")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.field().equals("cache_control")), warnings.toString());
    }

    @Test
    void a_plain_string_content_is_one_text_block() throws Exception {
        MessageRequest r = read("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(List.of(new ContentBlock.Text("hi")), r.messages().getFirst().content());
        assertEquals(ThinkingConfig.UNSPECIFIED, r.thinking());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void unknown_top_level_fields_are_reported_not_forwarded() throws Exception {
        read("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"mcp_servers\":[],\"brand_new_field\":1,\"service_tier\":\"auto\"}");
        assertEquals(List.of("brand_new_field", "mcp_servers", "service_tier"),
                warnings.stream().map(Warning::field).sorted().toList());
    }

    @Test
    void server_tools_are_kept_as_server_tools_for_routing_and_reporting() throws Exception {
        MessageRequest r = read("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
                + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":8}]}");
        ToolDefinition.Server tool = assertInstanceOf(ToolDefinition.Server.class, r.tools().getFirst());
        assertTrue(tool.isWebSearch());
    }

    @Test
    void count_tokens_needs_no_max_tokens_and_allows_an_empty_conversation() throws Exception {
        MessageRequest r = RequestReader.read(JsonInput.root(Json.MAPPER.readTree("{\"model\":\"m\",\"messages\":[]}")),
                Set.of(), true, warnings::add);
        assertEquals(0, r.maxTokens());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing model|{\"max_tokens\":5,\"messages\":[]}|model: Field required",
            "model not a string|{\"model\":5,\"max_tokens\":5,\"messages\":[]}|model: expected a string, got a number",
            "missing max_tokens|{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens: Field required",
            "negative max_tokens|{\"model\":\"m\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens: must be at least 0",
            "no messages|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}|messages: at least one message is required",
            "messages not an array|{\"model\":\"m\",\"max_tokens\":5,\"messages\":{}}|messages: expected an array, got an object",
            "bad role|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]}|messages.0.role: role must be user, assistant or system; got 'bot'",
            "unknown block|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}|messages.0.content.0.type: unknown content block type 'video'",
            "text not a string|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]}|messages.0.content.0.text: expected a string, got a number",
            "bad image type|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/bmp\",\"data\":\"x\"}}]}]}|messages.0.content.0.source.media_type: image media_type must be one of image/jpeg, image/png, image/gif, image/webp; got 'image/bmp'",
            "image file source|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]}|messages.0.content.0.source.type: image source 'file' (Files API id) is not supported by Claudia Router: providers cannot read Anthropic file ids; send the image as base64 or url",
            "document url|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://x/a.pdf\"}}]}]}|messages.0.content.0.source.type: document source 'url' is not supported by Claudia Router: providers cannot fetch it; send the document as base64 (PDF) or text",
            "tool_use in user turn|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]}]}|messages.0.content.0.type: 'tool_use' blocks may only appear in assistant messages",
            "tool_result in assistant turn|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}]}|messages.0.content.0.type: 'tool_result' blocks may only appear in user messages",
            "tool input not an object|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":\"x\"}]}]}|messages.0.content.0.input: tool_use input must be an object",
            "tool without schema|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"name\":\"t\"}]}|tools.0.input_schema: input_schema must be a JSON Schema object",
            "bad tool_choice|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":{\"type\":\"maybe\"}}|tool_choice.type: tool_choice type must be auto, any, tool or none; got 'maybe'",
            "named tool_choice without name|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":{\"type\":\"tool\"}}|tool_choice.name: Field required",
            "bad thinking|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"thinking\":{\"type\":\"deep\"}}|thinking.type: thinking type must be enabled, disabled or adaptive; got 'deep'",
            "budget missing|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"thinking\":{\"type\":\"enabled\"}}|thinking.budget_tokens: Field required",
            "bad effort|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"output_config\":{\"effort\":\"extreme\"}}|output_config.effort: effort must be low, medium, high, xhigh or max; got 'extreme'",
            "system image|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"system\":[{\"type\":\"image\"}]}|system.0.type: system content must be text blocks, got 'image'",
            "temperature as string|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}|temperature: expected a number, got a string",
            "stream not boolean|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}|stream: expected a boolean, got a string",
    })
    void rejects_malformed_requests_naming_the_field(String name, String json, String message) {
        ApiError error = assertThrows(ApiError.class, () -> read(json));
        assertEquals(400, error.status());
        assertEquals("invalid_request_error", error.type());
        assertEquals(message, error.getMessage());
    }
}
