package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.adapters.provider.openai.dialect.TextToolCalls;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.provider.support.ToolArguments;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole OpenAI chat completion to a domain message: thinking first, then text,
 * then tool calls; our own message id and the caller's model name; usage mapped exactly, or
 * estimated (and marked so) when the provider gives none. Tool names come back as the client
 * defined them and Gemini's thought signatures ride in the tool ids ({@link CallRules}); tool calls
 * printed as text are recovered when the route asks for it.
 */
public final class ResponseMapper {

    private ResponseMapper() {}

    public static MessageResponse toMessage(JsonNode completion, ProviderCall call, OpenAiChatOptions options, IdGenerator ids,
                                            TokenCounter tokens) {
        return toMessage(completion, CallRules.of(call, options), ids, tokens);
    }

    public static MessageResponse toMessage(JsonNode completion, CallRules rules, IdGenerator ids, TokenCounter tokens) {
        ProviderCall call = rules.call();
        String backend = call.route().backend();
        JsonNode error = completion.get("error");
        if (error != null && !error.isNull()) {
            throw new ProviderException(Failures.inBand(error, backend));
        }
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend,
                    "backend '" + backend + "' answered without choices[0].message"));
        }
        List<ContentBlock> content = new ArrayList<>();
        StringBuilder generated = new StringBuilder();
        ToolCalls calls = new ToolCalls(ids, backend, rules.names()::original);

        String reasoning = Reasoning.text(message) + Reasoning.inContent(message.get("content"));
        String text = contentText(message.get("content"));
        if (rules.options().splitThinkTags()) {
            StringBuilder thought = new StringBuilder(reasoning);
            StringBuilder said = new StringBuilder();
            for (ThinkTags.Segment s : ThinkTags.split(text)) {
                (s.thinking() ? thought : said).append(s.text());
            }
            reasoning = thought.toString();
            text = said.toString();
        }
        if (!reasoning.isEmpty()) {
            content.add(new ContentBlock.Thinking(reasoning, ThinkingSignatures.sign(reasoning)));
            generated.append(reasoning);
        }
        String encrypted = Reasoning.encrypted(message);
        if (encrypted != null) {
            content.add(new ContentBlock.RedactedThinking(encrypted));
        }
        String refusal = ProviderJson.text(message, "refusal");
        JsonNode toolCalls = message.get("tool_calls");
        boolean hasTools = toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty();
        List<TextToolCalls.Piece> pieces = rules.options().toolCallsInText()
                ? TextToolCalls.split(text, rules.names()::offered) : List.of(new TextToolCalls.Piece.Text(text));
        boolean recovered = pieces.stream().anyMatch(p -> p instanceof TextToolCalls.Piece.Call);
        for (TextToolCalls.Piece piece : pieces) {
            switch (piece) {
                case TextToolCalls.Piece.Text t when !t.text().isBlank() || !hasTools && !recovered && !t.text().isEmpty() -> {
                    content.add(new ContentBlock.Text(t.text()));
                    generated.append(t.text());
                }
                case TextToolCalls.Piece.Text t -> { }
                case TextToolCalls.Piece.Call c -> {
                    ContentBlock.ToolUse use = calls.finish(null, c.name(), c.arguments());
                    content.add(use);
                    generated.append(use.input().text());
                }
            }
        }
        if (refusal != null && !refusal.isEmpty()) {
            content.add(new ContentBlock.Text(refusal));
            generated.append(refusal);
        }
        if (hasTools) {
            for (JsonNode toolCall : toolCalls) {
                JsonNode function = toolCall.path("function");
                JsonNode args = function.get("arguments");
                String arguments = args == null || args.isNull() ? "" : args.isTextual() ? args.textValue()
                        : ToolArguments.fromObject(args);
                ContentBlock.ToolUse use = calls.finish(ProviderJson.text(toolCall, "id"),
                        ProviderJson.text(function, "name"), arguments, signature(toolCall, rules));
                content.add(use);
                generated.append(use.input().text());
            }
        }
        if (content.isEmpty()) {
            // Clients expect at least one block; the stream translation does the same.
            content.add(new ContentBlock.Text(""));
        }
        FinishReasons.Outcome outcome = FinishReasons.map(ProviderJson.text(choice, "finish_reason"),
                ProviderJson.text(choice, "stop_reason"), call.request().stopSequences(), hasTools || recovered);
        StopReason stop = refusal != null && !refusal.isEmpty() ? StopReason.REFUSAL : outcome.reason();
        Usage usage = UsageMapper.fromOpenAi(completion.get("usage"), rules.dialect().usage(), completion);
        if (usage == null) {
            usage = UsageMapper.estimated(call.promptTokens().getAsInt(), tokens.countText(generated.toString()));
        }
        return new MessageResponse(call.messageId(), call.route().alias(), content, stop, outcome.stopSequence(), usage);
    }

    /** Gemini's thought signature on a tool call ({@code extra_content.google.thought_signature}), when the dialect carries them. */
    public static String signature(JsonNode toolCall, CallRules rules) {
        if (!rules.dialect().thoughtSignatures()) {
            return null;
        }
        JsonNode signature = toolCall.path("extra_content").path("google").path("thought_signature");
        return signature.isTextual() && !signature.textValue().isEmpty() ? signature.textValue() : null;
    }

    /** {@code content} as a string or as an array of parts (text parts joined; reasoning parts are not text). */
    public static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                String t = part.isTextual() ? part.textValue() : ProviderJson.text(part, "text");
                if (t != null) {
                    text.append(t);
                }
            }
            return text.toString();
        }
        return "";
    }
}
