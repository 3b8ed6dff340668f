package dev.claudia.router.adapters.http.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseFramesTest {

    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
    private final SseFrames frames = new SseFrames(json);

    private JsonNode data(StreamEvent event, String expectedName) throws Exception {
        String frame = new String(frames.encode(event, "req_1"), StandardCharsets.UTF_8);
        assertTrue(frame.startsWith("event: " + expectedName + "\ndata: "), frame);
        assertTrue(frame.endsWith("\n\n") && frame.indexOf('\n', frame.indexOf("data: ")) == frame.length() - 2,
                "one data line: " + frame);
        return json.readTree(frame.substring(frame.indexOf("data: ") + 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote \" and backslash \\", "new\nline\ttab", "ünïcödé ✓ 😀", "\u0001\u001f control",
        "</script>", ""})
    void every_delta_kind_carries_its_text_exactly(String text) throws Exception {
        assertEquals(text, data(new StreamEvent.BlockDelta(3, new Delta.Text(text)), "content_block_delta").at("/delta/text").asText());
        JsonNode thinking = data(new StreamEvent.BlockDelta(0, new Delta.Thinking(text)), "content_block_delta");
        assertEquals("thinking_delta", thinking.at("/delta/type").asText());
        assertEquals(text, thinking.at("/delta/thinking").asText());
        JsonNode input = data(new StreamEvent.BlockDelta(12, new Delta.InputJson(text)), "content_block_delta");
        assertEquals("input_json_delta", input.at("/delta/type").asText());
        assertEquals(text, input.at("/delta/partial_json").asText());
        assertEquals(12, input.get("index").asInt());
        assertEquals("content_block_delta", input.get("type").asText());
        assertEquals(text, data(new StreamEvent.BlockDelta(1, new Delta.Signature(text)), "content_block_delta")
                .at("/delta/signature").asText());
    }

    @Test
    void blocks_start_empty_whatever_their_kind() throws Exception {
        assertEquals("{\"type\":\"text\",\"text\":\"\"}", data(new StreamEvent.BlockStarted(0, new BlockStart.Text()),
                "content_block_start").get("content_block").toString());
        assertEquals("{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{},\"caller\":{\"type\":\"direct\"}}",
                data(new StreamEvent.BlockStarted(1, new BlockStart.ToolUse("t", "n")), "content_block_start")
                        .get("content_block").toString());
        assertEquals("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}",
                data(new StreamEvent.BlockStarted(2, new BlockStart.Thinking()), "content_block_start")
                        .get("content_block").toString());
    }
}
