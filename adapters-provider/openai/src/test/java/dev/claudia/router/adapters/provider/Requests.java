package dev.claudia.router.adapters.provider;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.DocumentSource;
import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.ImageSource;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolChoice;
import dev.claudia.router.domain.message.ToolDefinition;

import java.util.List;
import java.util.Set;

/** Domain requests for the request-mapping golden files (a Mother, in the style of the tests' docs). */
final class Requests {

    private Requests() {}

    static final RawJson READ_SCHEMA = new RawJson("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}},\"required\":[\"file_path\"],"
            + "\"additionalProperties\":false}");

    /** Every feature at once, the way Claude Code's later turns look. */
    static MessageRequest kitchenSink() {
        return new MessageRequest("claude-test",
                List.of(new ContentBlock.Text("x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=cli;"),
                        new ContentBlock.Text("You are a coding agent."), new ContentBlock.Text("Be brief.")),
                List.of(
                        new Message(Role.USER, List.of(new ContentBlock.Text("<system-reminder>ctx</system-reminder>"),
                                new ContentBlock.Text("What is in these?"),
                                new ContentBlock.Image(new ImageSource.Base64("image/png", "iVBORw0KGgo=")),
                                new ContentBlock.Image(new ImageSource.Url("https://example.com/cat.jpg")),
                                new ContentBlock.Document(new DocumentSource.PlainText("line one"), "notes.txt", "meeting notes"),
                                new ContentBlock.Document(new DocumentSource.Pdf("JVBERi0x"), null, null),
                                new ContentBlock.Document(new DocumentSource.Blocks(List.of(new ContentBlock.Text("inline doc"))), null, null))),
                        new Message(Role.SYSTEM, List.of(new ContentBlock.Text("Agents available: none."))),
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.Thinking("Let me check.", "sig"),
                                new ContentBlock.RedactedThinking("opaque"),
                                new ContentBlock.Text("I will read both files."),
                                new ContentBlock.ToolUse("toolu_01", "Read", new RawJson("{\"file_path\":\"/tmp/a.txt\"}")),
                                new ContentBlock.ToolUse("toolu_02", "Read", new RawJson("{\"file_path\":\"/tmp/ü \\\"q\\\".txt\"}")))),
                        new Message(Role.USER, List.of(
                                new ContentBlock.ToolResult("toolu_01", List.of(new ContentBlock.Text("contents of a")), false),
                                new ContentBlock.ToolResult("toolu_02", List.of(new ContentBlock.Text("no such file"),
                                        new ContentBlock.Image(new ImageSource.Base64("image/jpeg", "/9j/"))), true),
                                new ContentBlock.ToolResult("toolu_03", List.of(), false),
                                new ContentBlock.Text("Now summarise."))),
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Summary:")))),
                List.of(new ToolDefinition.Function("Read", "Read a file", READ_SCHEMA),
                        new ToolDefinition.Server("web_search_20250305", "web_search")),
                new ToolChoice.Any(true),
                64000,
                new Sampling(0.2, 0.9, 40),
                List.of("END", "STOP"),
                "{\"device_id\":\"abc\",\"session_id\":\"s1\"}",
                new ThinkingConfig.Enabled(2048),
                Effort.MEDIUM,
                new RawJson("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}}}"),
                true,
                Set.of("claude-code-20250219"));
    }

    /** A short turn with the given thinking settings. */
    static MessageRequest thinking(ThinkingConfig thinking, Effort effort) {
        return new MessageRequest("claude-test", List.of(), List.of(Message.user("think")), List.of(), null, 1000,
                Sampling.DEFAULT, List.of(), null, thinking, effort, null, false, Set.of());
    }
}
