package dev.claudia.router.adapters.provider.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.responses.mapping.Failures;
import dev.claudia.router.adapters.provider.responses.mapping.FunctionCalls;
import dev.claudia.router.adapters.provider.responses.mapping.MessageText;
import dev.claudia.router.adapters.provider.responses.mapping.ReasoningItems;
import dev.claudia.router.adapters.provider.responses.mapping.ReasoningSignatures;
import dev.claudia.router.adapters.provider.responses.mapping.ResponsesJson;
import dev.claudia.router.adapters.provider.responses.mapping.StopReasons;
import dev.claudia.router.adapters.provider.responses.mapping.UsageMapper;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.provider.support.SseEvent;
import dev.claudia.router.provider.support.SseTranslation;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The stream state machine: Responses semantic events in, block-shaped domain events out. One
 * instance per stream. States: {@code OPEN} (after {@link #start()}) and {@code ENDED} (after the
 * final events or a failure; everything else is ignored); which block is open is {@link Blocks}'
 * business, the function calls being collected {@link PendingCalls}'.
 *
 * <p>Text and reasoning deltas go out the moment their event is read. A reasoning item's thinking
 * block closes at its {@code output_item.done}, whose item is the complete one (the encrypted content
 * in {@code output_item.added} may be partial), with the signature that carries it; a reasoning item
 * with no text becomes a redacted thinking block then. Function calls are collected and leave as
 * whole tool-use blocks at their {@code output_item.done}, so their JSON always parses. The stream
 * ends at {@code response.completed} or {@code response.incomplete} (usage and stop reason);
 * {@code response.failed}, an {@code error} event, a malformed event or an end without a final event
 * end it with a failure, which the router retries invisibly while nothing but {@code message_start}
 * has reached the caller.
 */
final class ResponsesTranslator implements SseTranslation {

    private final ProviderCall call;
    private final TokenCounter tokens;
    private final String backend;
    private final String source;
    private final boolean store;
    private final boolean thinking;
    private final FunctionCalls calls;
    private final PendingCalls pending = new PendingCalls();
    private final Blocks blocks;
    /** Output items whose content arrived as deltas: their done events add nothing. */
    private final Set<String> streamed = new HashSet<>();
    private boolean madeCalls;
    private boolean refused;
    private boolean ended;

    ResponsesTranslator(ProviderCall call, boolean store, IdGenerator ids, TokenCounter tokens) {
        this.call = call;
        this.tokens = tokens;
        this.backend = call.route().backend();
        this.source = ReasoningSignatures.source(backend, call.route().providerModel());
        this.store = store;
        this.thinking = call.request().wantsThinking();
        this.calls = new FunctionCalls(ids, backend);
        this.blocks = new Blocks(id -> ReasoningItems.carrier(source, id, null));
    }

    @Override
    public StreamEvent start() {
        return new StreamEvent.MessageStarted(call.messageId(), call.route().alias(),
                new Usage(call.promptTokens().getAsInt(), 0, 0, 0, 0, true));
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void onEvent(SseEvent event, List<StreamEvent> out) {
        if (ended || event.data().isBlank()) {
            return;
        }
        if (event.data().equals("[DONE]")) { // some compatible servers end with it; it is no final event
            onEnd(out);
            return;
        }
        DeltaEvent delta = deltaEvent(event.data());
        if (delta == null) {
            fail(out, notAnObject(event.data()));
            return;
        }
        try {
            if (delta != DeltaEvent.OTHER && delta(delta.type() != null ? delta.type() : String.valueOf(event.event()),
                    String.valueOf(delta.itemId()), delta.delta(), delta.summaryIndex(), delta.contentIndex(), out)) {
                return;
            }
            JsonNode json = ResponsesJson.object(event.data());
            if (json == null) {
                fail(out, notAnObject(event.data()));
                return;
            }
            String type = ResponsesJson.text(json, "type");
            dispatch(type != null ? type : String.valueOf(event.event()), json, out);
        } catch (ProviderException e) {
            fail(out, e.failure());
        }
    }

    /** The event as a delta, {@link DeltaEvent#OTHER}, or null when it is not one JSON object. */
    private static DeltaEvent deltaEvent(String data) {
        try {
            return DeltaEvent.read(data);
        } catch (IOException e) {
            return null;
        }
    }

    /** Any event but a delta, from its tree (a delta too, should the tree's type say so: the delta reader bowed out). */
    private void dispatch(String type, JsonNode json, List<StreamEvent> out) {
        if (delta(type, String.valueOf(ResponsesJson.text(json, "item_id")), ResponsesJson.text(json, "delta"),
                ResponsesJson.integer(json, "summary_index"), ResponsesJson.integer(json, "content_index"), out)) {
            return;
        }
        switch (type) {
            case "response.function_call_arguments.done" -> pending.done(String.valueOf(ResponsesJson.text(json, "item_id")),
                    ResponsesJson.text(json, "arguments"), ResponsesJson.text(json, "name"));
            case "response.output_item.added" -> added(json.path("item"));
            case "response.output_item.done" -> done(json.path("item"), out);
            case "response.completed", "response.incomplete" -> finish(json.path("response"), out);
            case "response.failed" -> fail(out, failed(json.path("response")));
            case "error" -> fail(out, Failures.inBand(json, backend));
            default -> { } // created, in_progress, content parts, annotations, *.done texts: nothing new
        }
    }

    /** A delta event ({@link DeltaEvent#TYPES}); false for any other type. */
    private boolean delta(String type, String item, String delta, int summaryIndex, int contentIndex,
                          List<StreamEvent> out) {
        switch (type) {
            case "response.output_text.delta" -> text(item, delta, out);
            case "response.refusal.delta" -> {
                refused |= delta != null && !delta.isEmpty();
                text(item, delta, out);
            }
            case "response.reasoning_summary_text.delta" -> thinking(item, "summary" + summaryIndex, delta, out);
            case "response.reasoning_text.delta" -> thinking(item, "content" + contentIndex, delta, out);
            case "response.function_call_arguments.delta" -> pending.arguments(item, delta);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void added(JsonNode item) {
        if ("function_call".equals(ResponsesJson.text(item, "type"))) {
            pending.added(item);
        }
    }

    private void text(String item, String delta, List<StreamEvent> out) {
        if (delta != null && !delta.isEmpty()) {
            streamed.add(item);
            blocks.text(item, delta, out);
        }
    }

    private void thinking(String item, String part, String delta, List<StreamEvent> out) {
        if (thinking && delta != null && !delta.isEmpty()) {
            streamed.add(item);
            blocks.thinking(item, part, delta, out);
        }
    }

    /** An output item is complete: its final form closes its block, or is its block when nothing was streamed. */
    private void done(JsonNode item, List<StreamEvent> out) {
        String id = ResponsesJson.text(item, "id");
        switch (String.valueOf(ResponsesJson.text(item, "type"))) {
            case "reasoning" -> {
                if (!thinking) {
                    return;
                }
                if (id != null && blocks.isOpen(id)) {
                    blocks.close(ReasoningItems.carrier(source, id, item), out);
                } else if (id == null || !streamed.contains(id)) {
                    ReasoningItems.block(item, source, store).ifPresent(block -> blocks.whole(block, out));
                }
            }
            case "message" -> {
                if (id != null && blocks.isOpen(id)) {
                    blocks.close(out);
                } else if (id == null || !streamed.contains(id)) {
                    MessageText text = MessageText.of(item);
                    refused |= text.refused();
                    if (!text.text().isEmpty()) {
                        blocks.whole(new ContentBlock.Text(text.text()), out);
                    }
                }
            }
            case "function_call" -> toolUse(pending.complete(item), out);
            default -> { }
        }
    }

    private void toolUse(PendingCalls.Call call, List<StreamEvent> out) {
        blocks.whole(calls.finish(call.callId(), call.name(), call.arguments()), out);
        madeCalls = true;
    }

    private void finish(JsonNode response, List<StreamEvent> out) {
        for (PendingCalls.Call open : pending.drain()) { // cut off before their done events (max_output_tokens)
            toolUse(open, out);
        }
        blocks.atLeastOne(out);
        Usage usage = UsageMapper.fromResponses(response.get("usage"));
        if (usage == null) {
            usage = UsageMapper.estimated(call.promptTokens().getAsInt(), tokens.countText(blocks.generated()));
        }
        out.add(new StreamEvent.MessageDelta(StopReasons.of(response, madeCalls, refused), null, usage));
        out.add(new StreamEvent.MessageStopped());
        ended = true;
    }

    @Override
    public void onEnd(List<StreamEvent> out) {
        // Without a final event the answer is cut short: passing it off as complete would let the
        // client act on half an answer.
        fail(out, malformed("a stream that ended before response.completed"));
    }

    @Override
    public void fail(List<StreamEvent> out, ProviderFailure failure) {
        if (!ended) {
            out.add(new StreamEvent.StreamFailed(failure));
            ended = true;
        }
    }

    private ProviderFailure failed(JsonNode response) {
        JsonNode error = response.get("error");
        return error != null && error.isObject() ? Failures.inBand(error, backend)
                : ProviderFailure.of(FailureKind.SERVER_ERROR, backend, "backend '" + backend
                + "' reported that the response failed, without saying why");
    }

    private ProviderFailure notAnObject(String data) {
        return malformed("an event that is not a JSON object: " + excerpt(data));
    }

    private ProviderFailure malformed(String what) {
        return ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend + "' sent " + what);
    }

    private static String excerpt(String data) {
        return data.length() <= 120 ? data : data.substring(0, 120) + "...";
    }
}
