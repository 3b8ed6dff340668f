package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.ToolDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules a request must follow beyond its shape, checked after {@link RequestReader} has read it
 * (so the shape is known to be right), each failure a 400 naming the field:
 * <ul>
 * <li>at most {@code maxTools} tool definitions, each {@code input_schema} at most
 *     {@code maxSchemaChars} of JSON;</li>
 * <li>every {@code tool_result} answers a {@code tool_use} of an earlier assistant message, worded as
 *     Anthropic words it. Anthropic looks only at the previous message; this router looks at all
 *     earlier ones, because Claude Code may put a system message between a call and its result.</li>
 * </ul>
 */
public final class RequestChecks {

    private final int maxTools;
    private final int maxSchemaChars;

    public RequestChecks(int maxTools, int maxSchemaChars) {
        this.maxTools = maxTools;
        this.maxSchemaChars = maxSchemaChars;
    }

    public void check(JsonInput body, MessageRequest request) {
        tools(body.field("tools"), request);
        toolResults(body.field("messages"));
    }

    private void tools(JsonInput tools, MessageRequest request) {
        if (!tools.isArray()) {
            return;
        }
        int count = tools.node().size();
        if (count > maxTools) {
            throw tools.error("at most " + maxTools + " tools are allowed, got " + count + " (limits.maxTools)");
        }
        for (ToolDefinition tool : request.tools()) {
            if (tool instanceof ToolDefinition.Function f && f.inputSchema().text().length() > maxSchemaChars) {
                throw tools.field(Integer.toString(indexOf(tools, f.name()))).field("input_schema").error(
                        "the schema of tool '" + f.name() + "' is " + f.inputSchema().text().length()
                        + " characters of JSON; the limit is " + maxSchemaChars + " (limits.maxToolSchemaChars)");
            }
        }
    }

    private static int indexOf(JsonInput tools, String name) {
        List<JsonInput> all = tools.array();
        for (int i = 0; i < all.size(); i++) {
            if (name.equals(all.get(i).node().path("name").asText())) {
                return i;
            }
        }
        return 0;
    }

    private static void toolResults(JsonInput messages) {
        if (!messages.isArray()) {
            return;
        }
        Set<String> calls = new HashSet<>();
        for (JsonInput message : messages.array()) {
            JsonInput content = message.field("content");
            if (!content.isArray()) {
                continue;
            }
            String role = message.node().path("role").asText();
            if (role.equals("assistant")) {
                for (JsonInput block : content.array()) {
                    if (block.node().path("type").asText().equals("tool_use")) {
                        calls.add(block.node().path("id").asText());
                    }
                }
            } else if (role.equals("user")) {
                orphans(content, calls);
            }
        }
    }

    private static void orphans(JsonInput content, Set<String> calls) {
        List<String> orphans = new ArrayList<>();
        JsonInput first = null;
        for (JsonInput block : content.array()) {
            if (block.node().path("type").asText().equals("tool_result")) {
                String id = block.node().path("tool_use_id").asText();
                if (!calls.contains(id)) {
                    orphans.add(id);
                    first = first == null ? block : first;
                }
            }
        }
        if (first != null) {
            throw first.error("unexpected `tool_use_id` found in `tool_result` blocks: " + String.join(", ", orphans)
                    + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
        }
    }
}
