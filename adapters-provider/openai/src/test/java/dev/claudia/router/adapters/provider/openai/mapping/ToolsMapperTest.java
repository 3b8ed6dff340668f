package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.ToolChoice;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.message.Warning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ToolsMapperTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\",\"format\":\"uri\"}},"
            + "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"}";

    @Test
    void sends_client_tools_as_functions_with_the_schema_unchanged() throws Exception {
        List<Warning> warnings = new ArrayList<>();
        var tools = ToolsMapper.tools(List.of(new ToolDefinition.Function("Fetch", "Gets a URL", new RawJson(SCHEMA)),
                new ToolDefinition.Function("Nodesc", null, new RawJson("{\"type\":\"object\"}"))), Set.of(), warnings::add);
        JsonNode json = ProviderJson.MAPPER.readTree(ProviderJson.MAPPER.writeValueAsBytes(tools)); // raw schema text, re-read
        assertEquals(ProviderJson.MAPPER.readTree("[{\"type\":\"function\",\"function\":{\"name\":\"Fetch\","
                + "\"description\":\"Gets a URL\",\"parameters\":" + SCHEMA + "}},{\"type\":\"function\",\"function\":"
                + "{\"name\":\"Nodesc\",\"parameters\":{\"type\":\"object\"}}}]"), json);
        assertEquals(List.of(), warnings);
    }

    @Test
    void drops_server_tools_with_a_warning_and_sends_no_empty_tool_list() {
        List<Warning> warnings = new ArrayList<>();
        assertNull(ToolsMapper.tools(List.of(new ToolDefinition.Server("web_search_20250305", "web_search")), Set.of(), warnings::add));
        assertEquals(List.of(new Warning("tools[web_search]", "server tool web_search_20250305 has no OpenAI equivalent")),
                warnings);
    }

    @Test
    void offers_a_deferred_tool_only_once_a_tool_reference_loaded_it_and_never_the_placeholder() throws Exception {
        List<Warning> warnings = new ArrayList<>();
        ToolDefinition placeholder = new ToolDefinition.Function("DeferredToolPlaceholder",
                "Reserved placeholder that keeps deferred tool loading active; never call this tool.",
                new RawJson("{\"type\":\"object\",\"properties\":{}}"), true);
        ToolDefinition notebook = new ToolDefinition.Function("NotebookEdit", "Edits a cell", new RawJson(SCHEMA), true);
        ToolDefinition read = new ToolDefinition.Function("Read", "Reads", new RawJson(SCHEMA));

        var before = ToolsMapper.tools(List.of(read, placeholder, notebook), Set.of(), warnings::add);
        assertEquals(List.of("Read"), before.stream().map(t -> t.function().name()).toList());
        var after = ToolsMapper.tools(List.of(read, placeholder, notebook), Set.of("NotebookEdit"), warnings::add);
        assertEquals(List.of("Read", "NotebookEdit"), after.stream().map(t -> t.function().name()).toList());
        assertEquals(new Warning("tools[DeferredToolPlaceholder]", "deferred tool (defer_loading) not loaded by a tool_reference yet"),
                warnings.getFirst());
    }

    @Test
    void maps_each_tool_choice() throws Exception {
        assertEquals("auto", ToolsMapper.choice(new ToolChoice.Auto(false), true));
        assertEquals("required", ToolsMapper.choice(new ToolChoice.Any(false), true));
        assertEquals("none", ToolsMapper.choice(new ToolChoice.None(), true));
        assertEquals(ProviderJson.MAPPER.readTree("{\"type\":\"function\",\"function\":{\"name\":\"Read\"}}"),
                ProviderJson.MAPPER.valueToTree(ToolsMapper.choice(new ToolChoice.Named("Read", false), true)));
        assertNull(ToolsMapper.choice(null, true));
    }

    @Test
    void sends_no_tool_choice_or_parallel_flag_without_tools() {
        assertNull(ToolsMapper.choice(new ToolChoice.Any(true), false));
        assertNull(ToolsMapper.parallel(new ToolChoice.Any(true), false));
    }

    @Test
    void disables_parallel_calls_only_when_asked_and_tools_are_sent() {
        assertEquals(Boolean.FALSE, ToolsMapper.parallel(new ToolChoice.Auto(true), true));
        assertEquals(Boolean.FALSE, ToolsMapper.parallel(new ToolChoice.Named("x", true), true));
        assertNull(ToolsMapper.parallel(new ToolChoice.Auto(false), true));
        assertNull(ToolsMapper.parallel(null, true));
    }
}
