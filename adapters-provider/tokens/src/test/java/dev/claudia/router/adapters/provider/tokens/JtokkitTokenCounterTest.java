package dev.claudia.router.adapters.provider.tokens;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.ImageSource;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.port.TokenCounter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JtokkitTokenCounterTest {

    private static final TokenCounter TOKENS = Tokenizers.standard();

    private static MessageRequest request(List<ContentBlock.Text> system, List<Message> messages, List<ToolDefinition> tools) {
        return new MessageRequest("m", system, messages, tools, null, 100, Sampling.DEFAULT, List.of(), null,
                ThinkingConfig.UNSPECIFIED, null, null, false, Set.of());
    }

    private static int count(ContentBlock... blocks) {
        return TOKENS.countRequest(request(List.of(), List.of(new Message(Role.USER, List.of(blocks))), List.of()));
    }

    @Test
    void counts_text_with_the_cl100k_vocabulary() {
        assertEquals(0, TOKENS.countText(""));
        assertEquals(2, TOKENS.countText("Hello world"));
        assertEquals(1, TOKENS.countText("hello"));
    }

    @Test
    void is_one_shared_instance() {
        assertSame(Tokenizers.standard(), Tokenizers.standard());
    }

    @Test
    void counts_every_part_of_the_prompt() {
        int empty = count();
        assertEquals(JtokkitTokenCounter.PER_MESSAGE, empty);
        String text = "The quick brown fox jumps over the lazy dog.";
        int t = TOKENS.countText(text);
        assertEquals(empty + t, count(new ContentBlock.Text(text)));
        assertEquals(empty + JtokkitTokenCounter.PER_IMAGE, count(new ContentBlock.Image(new ImageSource.Url("u"))));
        assertEquals(empty + t, count(new ContentBlock.Document(new DocumentSource.PlainText(text), null, null)));
        assertEquals(empty + TOKENS.countText("Read") + TOKENS.countText("{\"a\":1}"),
                count(new ContentBlock.ToolUse("toolu_1", "Read", new RawJson("{\"a\":1}"))));
        assertEquals(empty + JtokkitTokenCounter.PER_MESSAGE + t,
                count(new ContentBlock.ToolResult("toolu_1", List.of(new ContentBlock.Text(text)), false)));
        assertEquals(empty + t, count(new ContentBlock.Thinking(text, "sig")));
        assertEquals(t, TOKENS.countRequest(request(List.of(new ContentBlock.Text(text)), List.of(), List.of())));
        int tool = TOKENS.countRequest(request(List.of(), List.of(),
                List.of(new ToolDefinition.Function("Read", "Reads a file", new RawJson("{\"type\":\"object\"}")))));
        assertEquals(JtokkitTokenCounter.PER_TOOL + TOKENS.countText("Read") + TOKENS.countText("Reads a file")
                + TOKENS.countText("{\"type\":\"object\"}"), tool);
    }

    @Test
    void the_upper_bound_is_never_below_the_count_even_for_text_that_tokenizes_badly() {
        List<String> texts = List.of("The quick brown fox.", "ꙮ𝔘𝔫𝔦𝔠𝔬𝔡𝔢 语言模型 🤖🤖🤖", "{\"a\":[1,2,3]}\n\t  ", "x".repeat(1000));
        for (String text : texts) {
            MessageRequest request = request(List.of(new ContentBlock.Text(text)), List.of(new Message(Role.USER, List.of(
                    new ContentBlock.Text(text), new ContentBlock.ToolResult("t", List.of(new ContentBlock.Text(text),
                            new ContentBlock.ToolReference("NotebookEdit")), false),
                    new ContentBlock.Image(new ImageSource.Url("u"))))),
                    List.of(new ToolDefinition.Function("Read", text, new RawJson("{\"type\":\"object\"}"))));
            assertTrue(TOKENS.upperBound(request) >= TOKENS.countRequest(request), text);
        }
        assertEquals(3, JtokkitTokenCounter.bytes("语"));
        assertEquals(4, JtokkitTokenCounter.bytes("🤖"));
    }

    @Test
    void counts_a_claude_code_sized_prompt_quickly() {
        String big = "public final class Example { private int value; /* some code */ }\n".repeat(3000); // ~200 KB
        TOKENS.countText("warm up");
        long start = System.nanoTime();
        int tokens = TOKENS.countRequest(request(List.of(), List.of(Message.user(big)), List.of()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tokens > 30_000, "tokens: " + tokens);
        assertTrue(millis < 500, millis + " ms");
    }
}
