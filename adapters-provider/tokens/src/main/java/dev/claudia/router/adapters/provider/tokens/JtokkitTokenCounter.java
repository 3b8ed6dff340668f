package dev.claudia.router.adapters.provider.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.port.TokenCounter;

import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit), plus the small framing overheads chat
 * formats add: a few tokens per message and per tool, and a flat cost per image (Anthropic bills
 * images by size; without decoding them a flat, typical-size estimate is the honest option).
 */
public final class JtokkitTokenCounter implements TokenCounter {

    /** Role and separators of one chat message (OpenAI's published count for its chat formats is 3-4). */
    static final int PER_MESSAGE = 4;
    /** The framing a tool definition gets in the prompt, beyond its name, description and schema. */
    static final int PER_TOOL = 8;
    /** Anthropic bills an image by its pixels (about 1,600 tokens for a typical 1.15-megapixel screenshot). */
    static final int PER_IMAGE = 1600;

    /** Loaded once per JVM: the vocabulary is immutable and the encoding is thread-safe. */
    private static final class Cl100k {
        // Loading the vocabulary takes a few hundred milliseconds: it starts in the background when
        // the counter is first asked for (at start-up), so the first request does not pay for it.
        static final JtokkitTokenCounter INSTANCE = new JtokkitTokenCounter(CompletableFuture.supplyAsync(
                () -> Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE),
                r -> Thread.ofVirtual().name("tokenizer-load").start(r)));
    }

    private final CompletableFuture<Encoding> encoding;

    private JtokkitTokenCounter(CompletableFuture<Encoding> encoding) {
        this.encoding = encoding;
    }

    /** The shared {@code cl100k_base} counter. */
    public static JtokkitTokenCounter cl100k() {
        return Cl100k.INSTANCE;
    }

    @Override
    public int countRequest(MessageRequest request) {
        return sum(request, this::countText, this::block);
    }

    /**
     * The same sum with each text's UTF-8 size in place of its token count: a BPE token covers at
     * least one byte, so this is never below {@link #countRequest}, and it takes microseconds.
     */
    @Override
    public int upperBound(MessageRequest request) {
        return sum(request, JtokkitTokenCounter::bytes, this::blockBound);
    }

    /** System, messages with their framing, and tool definitions, each text sized by {@code text}. */
    private static int sum(MessageRequest request, ToLongFunction<String> text, ToLongFunction<ContentBlock> block) {
        long total = 0;
        for (ContentBlock.Text system : request.system()) {
            total += text.applyAsLong(system.text());
        }
        for (Message message : request.messages()) {
            total += PER_MESSAGE;
            for (ContentBlock b : message.content()) {
                total += block.applyAsLong(b);
            }
        }
        for (ToolDefinition tool : request.tools()) {
            total += PER_TOOL + text.applyAsLong(tool.name());
            if (tool instanceof ToolDefinition.Function f) {
                total += text.applyAsLong(f.description() == null ? "" : f.description())
                        + text.applyAsLong(f.inputSchema().text());
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private long blockBound(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text t -> bytes(t.text());
            case ContentBlock.Document d when d.source() instanceof DocumentSource.PlainText t -> bytes(t.text());
            case ContentBlock.Document d when d.source() instanceof DocumentSource.Blocks b ->
                    b.content().stream().mapToLong(this::blockBound).sum();
            case ContentBlock.ToolUse t -> bytes(t.name()) + bytes(t.input().text());
            case ContentBlock.ToolResult r -> PER_MESSAGE + r.content().stream().mapToLong(this::blockBound).sum();
            case ContentBlock.Thinking t -> bytes(t.thinking());
            case ContentBlock.ToolReference r -> bytes(r.toolName());
            // images, PDFs and redacted thinking are estimated from sizes already
            default -> block(block);
        };
    }

    /** The UTF-8 length of a text, without encoding it. */
    static long bytes(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    @Override
    public int countText(String text) {
        return text.isEmpty() ? 0 : encoding.join().countTokensOrdinary(text);
    }

    private int block(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text t -> countText(t.text());
            case ContentBlock.Image i -> PER_IMAGE;
            case ContentBlock.Document d -> switch (d.source()) {
                case DocumentSource.PlainText t -> countText(t.text());
                case DocumentSource.Blocks b -> b.content().stream().mapToInt(this::block).sum();
                // A PDF page is roughly an image plus its text; without parsing, estimate from size.
                case DocumentSource.Pdf p -> p.base64Data().length() / 8;
            };
            case ContentBlock.ToolUse t -> countText(t.name()) + countText(t.input().text());
            case ContentBlock.ToolResult r -> PER_MESSAGE + r.content().stream().mapToInt(this::block).sum();
            case ContentBlock.Thinking t -> countText(t.thinking());
            case ContentBlock.RedactedThinking r -> r.data().length() / 4;
            case ContentBlock.ToolReference r -> countText(r.toolName());
        };
    }
}
