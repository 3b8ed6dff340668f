package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.adapters.http.wire.BlockBody;
import dev.claudia.router.adapters.http.wire.MessageBody;
import dev.claudia.router.adapters.http.wire.UsageBody;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.Usage;

import java.util.ArrayList;
import java.util.List;

/** Writes a domain {@link MessageResponse} as an Anthropic message body. */
public final class ResponseWriter {

    private ResponseWriter() {}

    public static MessageBody toBody(MessageResponse response) {
        List<BlockBody> content = new ArrayList<>(response.content().size());
        for (ContentBlock block : response.content()) {
            content.add(block(block));
        }
        return new MessageBody(response.id(), "message", "assistant", response.model(), content,
                response.stopReason().wireName(), response.stopSequence(), null, null, usage(response.usage()));
    }

    public static UsageBody usage(Usage usage) {
        return UsageBody.of(usage.inputTokens(), usage.outputTokens(), usage.cacheCreationInputTokens(),
                usage.cacheReadInputTokens());
    }

    private static BlockBody block(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text t -> BlockBody.Text.of(t.text());
            case ContentBlock.Thinking t -> BlockBody.Thinking.of(t.thinking(), t.signature());
            case ContentBlock.RedactedThinking r -> BlockBody.RedactedThinking.of(r.data());
            case ContentBlock.ToolUse t -> BlockBody.ToolUse.of(t.id(), t.name(), t.input().text());
            case ContentBlock.Image i -> throw new IllegalStateException("a provider answer cannot contain an image");
            case ContentBlock.Document d -> throw new IllegalStateException("a provider answer cannot contain a document");
            case ContentBlock.ToolResult r -> throw new IllegalStateException("a provider answer cannot contain a tool result");
            case ContentBlock.ToolReference r -> throw new IllegalStateException("a provider answer cannot contain a tool reference");
        };
    }
}
