package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole Responses answer ({@code response} object) to a domain message: its {@code output} items in
 * order, reasoning as thinking (only when the caller asked for thinking, as Anthropic does), each
 * message's text parts as one text block (a refusal's too, with stop reason {@code refusal}), each
 * function call as a tool use; our own message id and the caller's model name; usage mapped exactly,
 * or estimated (and marked so) when the provider gives none. Output items of other kinds (built-in
 * tools this router never asks for) are skipped. A failed response is a {@link ProviderException}.
 */
public final class ResponseMapper {

    private ResponseMapper() {}

    public static MessageResponse toMessage(JsonNode response, ProviderCall call, boolean store, IdGenerator ids,
                                            TokenCounter tokens) {
        String backend = call.route().backend();
        String status = ResponsesJson.text(response, "status");
        JsonNode error = response.get("error");
        if ("failed".equals(status) || "cancelled".equals(status) || error != null && error.isObject()) {
            throw new ProviderException(error != null && error.isObject() ? Failures.inBand(error, backend)
                    : ProviderFailure.of(FailureKind.SERVER_ERROR, backend, "backend '" + backend + "' answered with a "
                    + status + " response"));
        }
        JsonNode output = response.get("output");
        if (output == null || !output.isArray()) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend,
                    "backend '" + backend + "' answered without an output array"));
        }
        String source = ReasoningSignatures.source(backend, call.route().providerModel());
        boolean thinking = call.request().wantsThinking();
        FunctionCalls calls = new FunctionCalls(ids, backend);
        List<ContentBlock> content = new ArrayList<>();
        StringBuilder generated = new StringBuilder();
        boolean refused = false;
        boolean madeCalls = false;
        for (JsonNode item : output) {
            switch (String.valueOf(ResponsesJson.text(item, "type"))) {
                case "reasoning" -> {
                    if (thinking) {
                        ReasoningItems.block(item, source, store).ifPresent(content::add);
                        generated.append(ReasoningItems.text(item));
                    }
                }
                case "message" -> {
                    MessageText text = MessageText.of(item);
                    refused |= text.refused();
                    if (!text.text().isEmpty()) {
                        content.add(new ContentBlock.Text(text.text()));
                        generated.append(text.text());
                    }
                }
                case "function_call" -> {
                    ContentBlock.ToolUse use = calls.finish(ResponsesJson.text(item, "call_id"),
                            ResponsesJson.text(item, "name"), ResponsesJson.text(item, "arguments"));
                    content.add(use);
                    generated.append(use.input().text());
                    madeCalls = true;
                }
                default -> { } // built-in tool items: never asked for
            }
        }
        if (content.isEmpty()) {
            content.add(new ContentBlock.Text("")); // clients expect at least one block; streams do the same
        }
        Usage usage = UsageMapper.fromResponses(response.get("usage"));
        if (usage == null) {
            usage = UsageMapper.estimated(call.promptTokens().getAsInt(), tokens.countText(generated.toString()));
        }
        return new MessageResponse(call.messageId(), call.route().alias(), content,
                StopReasons.of(response, madeCalls, refused), null, usage);
    }
}
