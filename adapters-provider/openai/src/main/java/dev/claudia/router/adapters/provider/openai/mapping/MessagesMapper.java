package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ChatMessage;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.FunctionCall;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.Part;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ToolCall;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversation, Anthropic to OpenAI: the system prompt becomes one leading
 * system message; mid-conversation system messages go where the route's options say; tool
 * results become {@code tool} messages placed right after the assistant turn that called them,
 * before any other user content of the same turn; consecutive user (or assistant) messages are
 * merged, as Anthropic itself does, because several chat templates reject two in a row. Tool ids,
 * tool names, thought signatures and earlier reasoning are written the way the route's dialect
 * wants them ({@link CallRules}).
 */
public final class MessagesMapper {

    /**
     * Claude Code's first system block, {@code x-anthropic-billing-header: cc_version=...; cch=...}:
     * a per-request marker for Anthropic's billing, not an instruction to the model. It changes
     * with every request, so sending it would put a different first line in every prompt and defeat
     * the provider's prefix caching. It is not user content either, so dropping it is no loss and
     * is not reported as a warning.
     */
    static final String BILLING_HEADER = "x-anthropic-billing-header:";

    private final SystemMessages systemMessages;
    private final CallRules rules;
    private final ReasoningReplay replay;
    private final List<ChatMessage> out = new ArrayList<>();
    private final List<String> hoisted = new ArrayList<>();

    private MessagesMapper(CallRules rules) {
        this.rules = rules;
        this.systemMessages = rules.options().systemMessages();
        this.replay = new ReasoningReplay(rules.dialect().replayField(), rules.options().reasoningHistory(),
                rules.thinkingOff(), rules.call().warnings());
    }

    public static List<ChatMessage> map(CallRules rules) {
        return new MessagesMapper(rules).run(rules.call().request());
    }

    /** The generic dialect with this placement of system messages (tests, and callers without a route). */
    public static List<ChatMessage> map(MessageRequest request, SystemMessages systemMessages) {
        OpenAiChatOptions options = new OpenAiChatOptions(OpenAiChatOptions.DEFAULT.reasoning(), systemMessages, true, false);
        Route route = new Route(request.model(), request.model(), "-", request.model(), RetryPolicy.of(1, 0),
                RawJson.EMPTY_OBJECT, Capabilities.DEFAULT);
        ProviderCall call = new ProviderCall(route, request, "-", () -> 0, w -> { });
        return map(CallRules.of(call, options));
    }

    private List<ChatMessage> run(MessageRequest request) {
        for (Message message : request.messages()) {
            switch (message.role()) {
                case SYSTEM -> system(texts(message.content()));
                case USER -> user(message.content());
                case ASSISTANT -> assistant(message.content());
            }
        }
        List<String> system = new ArrayList<>();
        for (ContentBlock.Text block : request.system()) {
            if (!block.text().startsWith(BILLING_HEADER) && !block.text().isBlank()) {
                system.add(block.text());
            }
        }
        system.addAll(hoisted);
        List<ChatMessage> all = new ArrayList<>(out.size() + 1);
        if (!system.isEmpty()) {
            all.add(ChatMessage.of("system", String.join("\n\n", system)));
        }
        all.addAll(out);
        List<ChatMessage> merged = RoleOrder.mergeSameRole(all);
        return rules.dialect().userAfterTool() ? merged : RoleOrder.noUserAfterTool(merged);
    }

    private void system(String text) {
        if (text.isBlank()) {
            return;
        }
        switch (systemMessages) {
            case INLINE -> out.add(ChatMessage.of("system", text));
            case HOIST -> hoisted.add(text);
            // Many chat templates (Qwen, some Mistral, Gemini's compatibility layer) reject a system
            // message that is not first; a tagged user text is accepted everywhere.
            case USER_REMINDER -> out.add(ChatMessage.of("user", "<system-reminder>\n" + text + "\n</system-reminder>"));
        }
    }

    private void user(List<ContentBlock> blocks) {
        List<Part> attachments = new ArrayList<>();
        List<Part> rest = new ArrayList<>();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.ToolResult result) {
                // Strict servers (Mistral, Gemini, vLLM templates) need the tool answers right after
                // the assistant's tool_calls, so they go first, in order.
                out.add(new ChatMessage("tool", ContentParts.toolResultText(result, attachments), null,
                        rules.upstreamId(result.toolUseId())));
            } else {
                ContentParts.add(block, rest);
            }
        }
        List<Part> user = new ArrayList<>(attachments);
        user.addAll(rest);
        if (!user.isEmpty()) {
            out.add(ChatMessage.of("user", ContentParts.content(user)));
        }
    }

    private void assistant(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : blocks) {
            switch (block) {
                case ContentBlock.Text t -> text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
                case ContentBlock.ToolUse t -> calls.add(new ToolCall(rules.upstreamId(t.id()), "function",
                        new FunctionCall(rules.names().upstream(t.name()), t.input().text()),
                        rules.extraContent(t.id(), calls.isEmpty())));
                // Earlier reasoning goes back only where the dialect wants it (ReasoningReplay, below).
                case ContentBlock.Thinking t -> { }
                case ContentBlock.RedactedThinking r -> { }
                case ContentBlock.Image i -> throw notAssistantContent(i);
                case ContentBlock.Document d -> throw notAssistantContent(d);
                case ContentBlock.ToolResult r -> throw notAssistantContent(r);
                case ContentBlock.ToolReference r -> throw notAssistantContent(r);
            }
        }
        String reasoning = replay.forTurn(blocks, !calls.isEmpty());
        if (text.isEmpty() && calls.isEmpty()) {
            return; // strict servers reject empty assistant messages
        }
        ChatMessage message = new ChatMessage("assistant", text.isEmpty() ? null : text.toString(),
                calls.isEmpty() ? null : calls, null);
        out.add(reasoning == null ? message : message.withReasoning(replay.field(), reasoning));
    }

    private static String texts(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Text t) {
                text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
            }
        }
        return text.toString();
    }

    private static IllegalArgumentException notAssistantContent(ContentBlock block) {
        return new IllegalArgumentException("an assistant turn cannot hold " + block.getClass().getSimpleName());
    }
}
