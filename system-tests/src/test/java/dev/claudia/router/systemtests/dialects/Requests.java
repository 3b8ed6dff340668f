package dev.claudia.router.systemtests.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.RouterUnderTest;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Claude Code-shaped requests for the dialect tests: its tool schemas, an MCP tool over 64 characters, reminders. */
final class Requests {

    static final String MCP = "mcp__plugin_everything-claude-code_playwright__browser_console_messages";
    /** Shaped like Claude Code's Bash and WebFetch schemas: JSON Schema 2020-12 with what Gemini refuses. */
    private static final String TOOLS = """
            [{"name":"Bash","description":"Runs a command","input_schema":{"$schema":"https://json-schema.org/draft/2020-12/schema",
              "type":"object","properties":{"command":{"type":"string","description":"The command"},
              "timeout":{"type":"number","exclusiveMinimum":0},"env":{"type":"object","propertyNames":{"type":"string"},
              "additionalProperties":{"type":"string"}}},"required":["command"],"additionalProperties":false}},
             {"name":"WebFetch","description":"Fetches a URL","input_schema":{"$schema":"https://json-schema.org/draft/2020-12/schema",
              "type":"object","properties":{"url":{"type":"string","format":"uri"},"mode":{"type":"string","enum":["text","html"]}},
              "required":["url"],"additionalProperties":false}},
             {"name":"%s","description":"Console messages","input_schema":{"type":"object","properties":{"level":
              {"anyOf":[{"type":"string","enum":["error","warn"]},{"type":"string","const":"all"}]}},"additionalProperties":false}}]
            """.formatted(MCP);

    private Requests() {}

    static ObjectNode ask(String alias, String question) {
        ObjectNode request = RouterUnderTest.JSON.createObjectNode().put("model", alias).put("max_tokens", 1000);
        request.putArray("system").addObject().put("type", "text").put("text", "You are a coding agent.");
        request.putArray("messages").addObject().put("role", "user").put("content", question);
        return request;
    }

    static ObjectNode withTools(ObjectNode request) {
        request.set("tools", json(TOOLS));
        return request;
    }

    static ObjectNode thinking(ObjectNode request) {
        request.putObject("thinking").put("type", "adaptive");
        request.putObject("output_config").put("effort", "high");
        return request;
    }

    /** The next turn: the answer's blocks as the assistant's, then the tool's result and a reminder, as Claude Code sends them. */
    static ObjectNode continued(ObjectNode first, JsonNode answer, String toolOutput) {
        ObjectNode next = first.deepCopy();
        next.remove("stream");
        ArrayNode messages = (ArrayNode) next.get("messages");
        messages.addObject().put("role", "assistant").set("content", answer);
        ArrayNode result = messages.addObject().put("role", "user").putArray("content");
        for (JsonNode block : answer) {
            if (block.path("type").asText().equals("tool_use")) {
                result.addObject().put("type", "tool_result").put("tool_use_id", block.get("id").asText())
                        .put("content", toolOutput);
            }
        }
        result.addObject().put("type", "text").put("text", "<system-reminder>Keep it short.</system-reminder>");
        return next;
    }

    static JsonNode json(String text) {
        try {
            return RouterUnderTest.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
