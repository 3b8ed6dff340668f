package dev.claudia.router.adapters.provider.responses.mapping;

import dev.claudia.router.adapters.provider.responses.wire.InputItem;
import dev.claudia.router.adapters.provider.responses.wire.InputItem.Part;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Warning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The conversation as Responses {@code input} items, in order. User turns: their tool results as
 * {@code function_call_output} items first (the Responses API pairs them with the calls by
 * {@code call_id}), then a user message with the rest. Assistant turns: each block in order, so a
 * reasoning item stays right before the output it produced (OpenAI rejects reasoning "without its
 * required following item"): runs of text as one assistant message of {@code output_text} parts,
 * tool calls as {@code function_call} items, thinking made by this adapter as the reasoning item it
 * carries. Mid-conversation system text becomes a developer message in place.
 *
 * <p>Thinking the adapter did not make here (another provider's, Anthropic's, another backend's or
 * model's, or one that cannot be sent back without {@code store}) is left out and reported: sending
 * it would fail the request.
 */
public final class InputMapper {

    private final String source;
    private final boolean store;
    private final Consumer<Warning> warnings;
    private final List<InputItem> out = new ArrayList<>();
    private final List<Part> text = new ArrayList<>();

    private InputMapper(String source, boolean store, Consumer<Warning> warnings) {
        this.source = source;
        this.store = store;
        this.warnings = warnings;
    }

    /**
     * @param source the reasoning tag of this route ({@link ReasoningSignatures#source}): only
     *               reasoning made by it goes back
     */
    public static List<InputItem> map(MessageRequest request, String source, boolean store, Consumer<Warning> warnings) {
        InputMapper mapper = new InputMapper(source, store, warnings);
        for (Message message : request.messages()) {
            switch (message.role()) {
                case SYSTEM -> mapper.system(message.content());
                case USER -> mapper.user(message.content());
                case ASSISTANT -> mapper.assistant(message.content());
            }
        }
        return List.copyOf(mapper.out);
    }

    private void system(List<ContentBlock> blocks) {
        List<Part> parts = new ArrayList<>();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Text t && !t.text().isBlank()) {
                parts.add(Part.text(t.text()));
            }
        }
        if (!parts.isEmpty()) {
            out.add(InputItem.Message.of("developer", parts));
        }
    }

    private void user(List<ContentBlock> blocks) {
        List<Part> parts = new ArrayList<>();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.ToolResult result) {
                out.add(InputItem.FunctionCallOutput.of(result.toolUseId(), ContentMapper.toolOutput(result)));
            } else {
                ContentMapper.add(block, parts);
            }
        }
        if (!parts.isEmpty()) {
            out.add(InputItem.Message.of("user", parts));
        }
    }

    private void assistant(List<ContentBlock> blocks) {
        for (ContentBlock block : blocks) {
            switch (block) {
                case ContentBlock.Text t -> {
                    if (!t.text().isEmpty()) {
                        text.add(Part.outputText(t.text()));
                    }
                }
                case ContentBlock.ToolUse t -> {
                    flushText();
                    out.add(InputItem.FunctionCall.of(t.id(), t.name(), t.input().text()));
                }
                case ContentBlock.Thinking t -> reasoning(t.signature(), t.thinking(), "messages.thinking");
                case ContentBlock.RedactedThinking r -> reasoning(r.data(), "", "messages.redacted_thinking");
                case ContentBlock.Image i -> throw notAssistantContent(i);
                case ContentBlock.Document d -> throw notAssistantContent(d);
                case ContentBlock.ToolResult r -> throw notAssistantContent(r);
                case ContentBlock.ToolReference r -> throw notAssistantContent(r);
            }
        }
        flushText();
        if (!out.isEmpty() && out.getLast() instanceof InputItem.Reasoning orphan) {
            // The answer ended while the model was still reasoning (max_tokens): alone, the item is refused.
            out.removeLast();
            warnings.accept(new Warning("messages.thinking", "reasoning item " + orphan.id()
                    + " has no output after it in its turn, which the Responses API refuses"));
        }
    }

    private void reasoning(String carrier, String thinking, String field) {
        flushText();
        Optional<ReasoningSignatures.Carried> carried = ReasoningSignatures.decode(carrier);
        if (carried.isEmpty()) {
            warnings.accept(new Warning(field, "made by another provider; the Responses API cannot take it"));
        } else if (!carried.get().source().equals(source)) {
            warnings.accept(new Warning(field, "made by another backend or model; its encrypted reasoning would not decrypt here"));
        } else if (carried.get().encryptedContent() == null && !store) {
            warnings.accept(new Warning(field, "reasoning without encrypted content can only go back with store"));
        } else {
            out.add(InputItem.Reasoning.of(carried.get().id(),
                    thinking.isEmpty() ? List.of() : List.of(InputItem.SummaryText.of(thinking)),
                    carried.get().encryptedContent()));
        }
    }

    private void flushText() {
        if (!text.isEmpty()) {
            out.add(InputItem.Message.of("assistant", text));
            text.clear();
        }
    }

    private static IllegalArgumentException notAssistantContent(ContentBlock block) {
        return new IllegalArgumentException("an assistant turn cannot hold " + block.getClass().getSimpleName());
    }
}
