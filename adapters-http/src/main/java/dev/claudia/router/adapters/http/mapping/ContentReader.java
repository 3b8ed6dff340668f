package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.ImageSource;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Warning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads Anthropic content blocks into domain blocks. Blocks only Anthropic can act on (server
 * tool artefacts) are dropped with a warning; {@code cache_control} and other annotations the
 * providers cannot take are reported, not forwarded.
 */
final class ContentReader {

    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final Set<String> SERVER_ARTEFACTS = Set.of("server_tool_use", "web_search_tool_result",
            "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
            "text_editor_code_execution_tool_result", "tool_search_tool_result", "container_upload", "mcp_tool_use",
            "mcp_tool_result");

    // The fields each block type may carry; made once, not per block (a long conversation has thousands).
    private static final Set<String> THINKING_FIELDS = Set.of("type", "thinking", "signature", "cache_control");
    private static final Set<String> TEXT_FIELDS = Set.of("type", "text", "cache_control");
    private static final Set<String> IMAGE_FIELDS = Set.of("type", "source", "cache_control");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("type", "source", "title", "context", "cache_control");
    private static final Set<String> SEARCH_RESULT_FIELDS = Set.of("type", "source", "title", "content", "cache_control",
            "citations");
    private static final Set<String> TOOL_USE_FIELDS = Set.of("type", "id", "name", "input", "cache_control", "caller");
    private static final Set<String> TOOL_RESULT_FIELDS = Set.of("type", "tool_use_id", "content", "is_error",
            "cache_control");
    private static final Set<String> TOOL_REFERENCE_FIELDS = Set.of("type", "tool_name", "cache_control");

    private final Consumer<Warning> warnings;

    ContentReader(Consumer<Warning> warnings) {
        this.warnings = warnings;
    }

    /** A message's {@code content}: a string (one text block) or an array of blocks. */
    List<ContentBlock> content(JsonInput content, Role role) {
        if (content.isString()) {
            return List.of(new ContentBlock.Text(content.string()));
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonInput block : content.array()) {
            ContentBlock read = block(block.object(), role);
            if (read != null) {
                blocks.add(read);
            }
        }
        return blocks;
    }

    /** A system prompt or system message: a string or text blocks only. */
    List<ContentBlock.Text> textOnly(JsonInput content) {
        if (content.isString()) {
            return List.of(new ContentBlock.Text(content.string()));
        }
        List<ContentBlock.Text> texts = new ArrayList<>();
        for (JsonInput block : content.array()) {
            String type = block.object().field("type").string();
            if (!type.equals("text")) {
                throw block.field("type").error("system content must be text blocks, got '" + type + "'");
            }
            texts.add(text(block));
        }
        return texts;
    }

    private ContentBlock block(JsonInput block, Role role) {
        String type = block.field("type").string();
        return switch (type) {
            case "text" -> text(block);
            case "image" -> image(block);
            case "document" -> document(block);
            case "search_result" -> searchResult(block);
            case "tool_use" -> {
                requireRole(block, type, role, Role.ASSISTANT);
                yield toolUse(block);
            }
            case "tool_result" -> {
                requireRole(block, type, role, Role.USER);
                yield toolResult(block);
            }
            case "thinking" -> {
                noteOthers(block, THINKING_FIELDS);
                yield new ContentBlock.Thinking(block.field("thinking").string(),
                        stringOr(block.field("signature"), ""));
            }
            case "redacted_thinking" -> new ContentBlock.RedactedThinking(block.field("data").string());
            case "tool_reference" -> throw block.field("type").error("'tool_reference' blocks may only appear in the "
                    + "content of a tool_result");
            default -> {
                if (SERVER_ARTEFACTS.contains(type)) {
                    warnings.accept(new Warning("content." + type, "only Anthropic can run server tools"));
                    yield null;
                }
                throw block.field("type").error("unknown content block type '" + type + "'");
            }
        };
    }

    private ContentBlock.Text text(JsonInput block) {
        noteOthers(block, TEXT_FIELDS);
        return new ContentBlock.Text(block.field("text").string());
    }

    private ContentBlock.Image image(JsonInput block) {
        noteOthers(block, IMAGE_FIELDS);
        JsonInput source = block.field("source").object();
        String kind = source.field("type").string();
        return switch (kind) {
            case "base64" -> {
                String mediaType = source.field("media_type").string();
                if (!IMAGE_TYPES.contains(mediaType)) {
                    throw source.field("media_type").error("image media_type must be one of image/jpeg, image/png, "
                            + "image/gif, image/webp; got '" + mediaType + "'");
                }
                yield new ContentBlock.Image(new ImageSource.Base64(mediaType, source.field("data").string()));
            }
            case "url" -> new ContentBlock.Image(new ImageSource.Url(source.field("url").string()));
            case "file" -> throw source.field("type").error("image source 'file' (Files API id) is not supported by "
                    + "Claudia Router: providers cannot read Anthropic file ids; send the image as base64 or url");
            default -> throw source.field("type").error("unknown image source type '" + kind + "'");
        };
    }

    private ContentBlock.Document document(JsonInput block) {
        noteOthers(block, DOCUMENT_FIELDS);
        JsonInput source = block.field("source").object();
        String kind = source.field("type").string();
        DocumentSource body = switch (kind) {
            case "text" -> new DocumentSource.PlainText(source.field("data").string());
            case "content" -> {
                JsonInput content = source.field("content");
                yield content.isString()
                        ? new DocumentSource.PlainText(content.string())
                        : new DocumentSource.Blocks(content(content, Role.USER));
            }
            case "base64" -> {
                String mediaType = source.field("media_type").string();
                if (!mediaType.equals("application/pdf")) {
                    throw source.field("media_type").error("base64 documents must be application/pdf, got '"
                            + mediaType + "'; send text documents with source type 'text'");
                }
                yield new DocumentSource.Pdf(source.field("data").string());
            }
            case "url", "file" -> throw source.field("type").error("document source '" + kind + "' is not supported "
                    + "by Claudia Router: providers cannot fetch it; send the document as base64 (PDF) or text");
            default -> throw source.field("type").error("unknown document source type '" + kind + "'");
        };
        return new ContentBlock.Document(body, block.field("title").optString(), block.field("context").optString());
    }

    /** Search results have no provider equivalent; they become text that keeps the source and title. */
    private ContentBlock.Text searchResult(JsonInput block) {
        noteOthers(block, SEARCH_RESULT_FIELDS);
        StringBuilder text = new StringBuilder("<search_result source=\"").append(block.field("source").string())
                .append("\" title=\"").append(block.field("title").string()).append("\">\n");
        for (ContentBlock.Text t : textOnly(block.field("content"))) {
            text.append(t.text()).append('\n');
        }
        return new ContentBlock.Text(text.append("</search_result>").toString());
    }

    private ContentBlock.ToolUse toolUse(JsonInput block) {
        noteOthers(block, TOOL_USE_FIELDS);
        JsonInput input = block.field("input");
        if (!input.isObject()) {
            throw input.error("tool_use input must be an object");
        }
        return new ContentBlock.ToolUse(block.field("id").string(), block.field("name").string(),
                new RawJson(input.node().toString()));
    }

    private ContentBlock.ToolResult toolResult(JsonInput block) {
        noteOthers(block, TOOL_RESULT_FIELDS);
        JsonInput content = block.field("content");
        List<ContentBlock> parts = content.present() ? toolResultContent(content) : List.of();
        for (ContentBlock part : parts) {
            if (part instanceof ContentBlock.ToolUse || part instanceof ContentBlock.ToolResult
                    || part instanceof ContentBlock.Thinking || part instanceof ContentBlock.RedactedThinking) {
                throw content.error("tool_result content may hold text, images and documents only");
            }
        }
        return new ContentBlock.ToolResult(block.field("tool_use_id").string(), parts, block.field("is_error").bool(false));
    }

    /**
     * A tool result's content: like user content, plus {@code tool_reference} blocks (a tool search
     * answering "this tool is loaded now", as Claude Code's ToolSearch does), which may appear only here.
     */
    private List<ContentBlock> toolResultContent(JsonInput content) {
        if (content.isString()) {
            return List.of(new ContentBlock.Text(content.string()));
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonInput part : content.array()) {
            if (part.object().field("type").string().equals("tool_reference")) {
                noteOthers(part, TOOL_REFERENCE_FIELDS);
                blocks.add(new ContentBlock.ToolReference(part.field("tool_name").string()));
            } else {
                ContentBlock read = block(part, Role.USER);
                if (read != null) {
                    blocks.add(read);
                }
            }
        }
        return blocks;
    }

    private static void requireRole(JsonInput block, String type, Role actual, Role expected) {
        if (actual != expected) {
            throw block.field("type").error("'" + type + "' blocks may only appear in "
                    + expected.name().toLowerCase(java.util.Locale.ROOT) + " messages");
        }
    }

    private static String stringOr(JsonInput field, String absent) {
        return field.present() ? field.string() : absent;
    }

    /** Reports fields of a block that cannot be carried (cache_control, citations...). */
    private void noteOthers(JsonInput block, Set<String> known) {
        if (block.field("cache_control").present()) {
            warnings.accept(new Warning("cache_control", "providers manage prompt caching themselves"));
        }
        block.forEachOtherField(known, (name, value) -> {
            if (value.present()) {
                warnings.accept(new Warning("content." + name, "no OpenAI-compatible equivalent"));
            }
        });
    }
}
