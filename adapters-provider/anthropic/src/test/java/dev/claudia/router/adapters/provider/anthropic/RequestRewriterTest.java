package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.claudia.router.domain.message.Verbatim;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestRewriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RequestRewriter rewriter = new RequestRewriter(JSON);

    private JsonNode rewrite(String body, int clamp, String extraBody) throws Exception {
        return JSON.readTree(rewriter.rewrite(Verbatim.of(body), Map.of("model", TextNode.valueOf("up/model-1"),
                "stream", BooleanNode.TRUE), clamp, (ObjectNode) JSON.readTree(extraBody)));
    }

    @Test
    void renames_the_model_sets_the_stream_flag_and_keeps_everything_else_as_sent() throws Exception {
        String body = """
                {"model":"claude-x","max_tokens":64000,"system":[{"type":"text","text":"s","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"h\\u00e9 \\"q\\""}]}],
                 "context_management":{"edits":[{"type":"clear_thinking_20251015"}]},"some_future_field":[1,2.50,null]}""";
        JsonNode out = rewrite(body, 0, "{}");
        ObjectNode expected = (ObjectNode) JSON.readTree(body);
        expected.put("model", "up/model-1").put("stream", true);
        assertEquals(expected, out, "fields the router does not know travel untouched");
    }

    @Test
    void clamps_max_tokens_and_merges_extra_body_last_objects_recursively() throws Exception {
        JsonNode out = rewrite("{\"model\":\"m\",\"max_tokens\":64000,\"stream\":false,\"thinking\":{\"type\":\"adaptive\"},"
                + "\"metadata\":{\"user_id\":\"u\"}}", 8192, "{\"thinking\":{\"display\":\"omitted\"},\"top_k\":5}");
        assertEquals(JSON.readTree("{\"model\":\"up/model-1\",\"max_tokens\":8192,\"stream\":true,"
                + "\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"},\"metadata\":{\"user_id\":\"u\"},\"top_k\":5}"), out);
        assertEquals(100, rewrite("{\"max_tokens\":100}", 8192, "{}").get("max_tokens").intValue(), "under the clamp: kept");
    }
}
