package dev.claudia.router.adapters.provider.responses.mapping;

import dev.claudia.router.adapters.provider.responses.Calls;
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

/** Domain requests for the request-mapping tests (a Mother). */
final class Requests {

    private Requests() {}

    static final RawJson READ_SCHEMA = new RawJson("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}},\"required\":[\"file_path\"],"
            + "\"additionalProperties\":false}");

    /** A signature this adapter made on {@link Calls#route()}, carrying {@code id} and its encrypted content. */
    static String ours(String id, String encrypted) {
        return ReasoningSignatures.encode(new ReasoningSignatures.Carried(Calls.SOURCE, id, encrypted));
    }

    /** Every feature at once, the way Claude Code's later turns look on this adapter. */
    static MessageRequest kitchenSink() {
        return new MessageRequest("claude-test",
                List.of(new ContentBlock.Text("x-anthropic-billing-header: cc_version=2.1.332; cc_entrypoint=cli;"),
                        new ContentBlock.Text("You are a coding agent."), new ContentBlock.Text("Be brief.")),
                List.of(
                        new Message(Role.USER, List.of(new ContentBlock.Text("<system-reminder>ctx</system-reminder>"),
                                new ContentBlock.Text("What is in these?"),
                                new ContentBlock.Image(new ImageSource.Base64("image/png", "iVBORw0KGgo=")),
                                new ContentBlock.Image(new ImageSource.Url("https://example.com/cat.jpg")),
                                new ContentBlock.Document(new DocumentSource.PlainText("line one"), "notes.txt", "meeting notes"),
                                new ContentBlock.Document(new DocumentSource.Pdf("JVBERi0x"), null, null))),
                        new Message(Role.SYSTEM, List.of(new ContentBlock.Text("Agents available: none."))),
                        new Message(Role.ASSISTANT, List.of(
                                new ContentBlock.Thinking("**Reading**\n\nBoth files first.", ours("rs_01", "gAAAAenc01")),
                                new ContentBlock.Text("I will read both files."),
                                new ContentBlock.ToolUse("call_01", "Read", new RawJson("{\"file_path\":\"/tmp/a.txt\"}")),
                                new ContentBlock.RedactedThinking(ours("rs_02", "gAAAAenc02")),
                                new ContentBlock.ToolUse("toolu_02", "Read", new RawJson("{\"file_path\":\"/tmp/ü \\\"q\\\".txt\"}")))),
                        new Message(Role.USER, List.of(
                                new ContentBlock.ToolResult("call_01", List.of(new ContentBlock.Text("contents of a")), false),
                                new ContentBlock.ToolResult("toolu_02", List.of(new ContentBlock.Text("no such file"),
                                        new ContentBlock.Image(new ImageSource.Base64("image/jpeg", "/9j/"))), true),
                                new ContentBlock.Text("Now summarise."))),
                        new Message(Role.ASSISTANT, List.of(
                                new ContentBlock.Thinking("Anthropic's own thinking", "EqQBCkYIBRgCKkBx"),
                                new ContentBlock.Thinking("The chat adapter's", "claudia.3q2-7wEjFg"),
                                new ContentBlock.Text("Summary:")))),
                List.of(new ToolDefinition.Function("Read", "Read a file", READ_SCHEMA),
                        new ToolDefinition.Server("web_search_20250305", "web_search")),
                new ToolChoice.Auto(true),
                64000,
                new Sampling(0.2, 0.9, 40),
                List.of("END"),
                "{\"device_id\":\"abc\",\"session_id\":\"s1\"}",
                new ThinkingConfig.Adaptive(),
                Effort.HIGH,
                new RawJson("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},"
                        + "\"required\":[\"answer\"],\"additionalProperties\":false}"),
                true,
                Set.of("claude-code-20250219"));
    }

    /** A short turn with the given thinking settings. */
    static MessageRequest thinking(ThinkingConfig thinking, Effort effort) {
        return new MessageRequest("claude-test", List.of(), List.of(Message.user("think")), List.of(), null, 1000,
                Sampling.DEFAULT, List.of(), null, thinking, effort, null, false, Set.of());
    }
}
