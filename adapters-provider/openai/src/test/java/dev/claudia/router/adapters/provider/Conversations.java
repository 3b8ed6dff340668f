package dev.claudia.router.adapters.provider;

import dev.claudia.router.adapters.provider.openai.dialect.SignedToolIds;
import dev.claudia.router.adapters.provider.openai.mapping.ThinkingSignatures;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Effort;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolDefinition;

import java.util.List;
import java.util.Set;

/**
 * A Claude Code conversation that several models made, the way a later turn arrives after
 * {@code /model} switches: the router's own signed thinking and a Gemini call whose id carries its
 * thought signature, an MCP tool whose name is over 64 characters, thinking signed by Anthropic,
 * redacted thinking, ids of other providers' formats, and reminders after tool results.
 */
final class Conversations {

    static final String MCP = "mcp__plugin_everything-claude-code_playwright__browser_console_messages";
    static final String GEMINI_SIGNATURE = "CiQBjz1rX+/8Zq==EjQKMgEMOdbHJChLX75QUCJjyYlm";
    static final String GEMINI_CALL = SignedToolIds.encode("jm4owj31", GEMINI_SIGNATURE);
    static final String ANTHROPIC_CALL = "toolu_01A09q90qw90lq917835lq9";
    static final String VLLM_CALL = "chatcmpl-tool-0123456789abcdef0123456789abcdef";
    static final String OWN_THINKING = "I should list the files first.";
    static final RawJson BASH_SCHEMA = new RawJson("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"},\"timeout\":{\"type\":\"number\","
            + "\"exclusiveMinimum\":0}},\"required\":[\"command\"],\"additionalProperties\":false}");

    private Conversations() {}

    static MessageRequest switched() {
        return new MessageRequest("claude-test", List.of(new ContentBlock.Text("You are a coding agent.")), List.of(
                Message.user("List the files, then check the console."),
                new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.Thinking(OWN_THINKING, ThinkingSignatures.sign(OWN_THINKING)),
                        new ContentBlock.Text("Listing."),
                        new ContentBlock.ToolUse(GEMINI_CALL, "Bash", new RawJson("{\"command\":\"ls\"}")),
                        new ContentBlock.ToolUse(ANTHROPIC_CALL, MCP, new RawJson("{}")))),
                new Message(Role.USER, List.of(
                        new ContentBlock.ToolResult(GEMINI_CALL, List.of(new ContentBlock.Text("a.txt")), false),
                        new ContentBlock.ToolResult(ANTHROPIC_CALL, List.of(new ContentBlock.Text("no errors")), false),
                        new ContentBlock.Text("<system-reminder>The user switched models.</system-reminder>"))),
                new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.Thinking("Anthropic's own summary.", "EqMPCkgIDRABGAIqQLsu3KN/ovAdOg1a1HQqToWQ"),
                        new ContentBlock.RedactedThinking("EmwKAhgBEgy3va3pzix"),
                        new ContentBlock.ToolUse(VLLM_CALL, "Bash", new RawJson("{\"command\":\"cat a.txt\"}")))),
                new Message(Role.USER, List.of(
                        new ContentBlock.ToolResult(VLLM_CALL, List.of(new ContentBlock.Text("hello")), false),
                        new ContentBlock.Text("What does it say?")))),
                List.of(new ToolDefinition.Function("Bash", "Run a command", BASH_SCHEMA),
                        new ToolDefinition.Function(MCP, "Console messages", new RawJson("{\"type\":\"object\",\"properties\":{}}"))),
                null, 32000, new Sampling(null, null, 20), List.of(), "{\"device_id\":\"d\"}", new ThinkingConfig.Adaptive(),
                Effort.HIGH, null, true, Set.of());
    }
}
