package dev.claudia.router.adapters.provider.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.mapping.Failures;
import dev.claudia.router.adapters.provider.openai.mapping.FinishReasons;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import dev.claudia.router.adapters.provider.openai.mapping.Reasoning;
import dev.claudia.router.adapters.provider.openai.mapping.ThinkTags;
import dev.claudia.router.adapters.provider.openai.mapping.ThinkingSignatures;
import dev.claudia.router.adapters.provider.openai.mapping.ToolCalls;
import dev.claudia.router.adapters.provider.openai.mapping.UsageMapper;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;

import java.io.IOException;
import java.util.List;

/**
 * The stream state machine: OpenAI {@code chat.completion.chunk}s in, Anthropic-shaped events out
 * (protocol.md D.3). One instance per stream; nothing is shared.
 *
 * <p>States: {@code IDLE} (no block open), {@code IN_THINKING}, {@code IN_TEXT}, and {@code ENDED}
 * (after the final events or a failure). Text and reasoning are forwarded the moment a chunk is
 * read. Tool calls are collected until they are complete (the end of the answer, or other content
 * after them) and then sent as whole blocks: Anthropic blocks cannot interleave, parallel calls
 * arrive interleaved, and clients run tools only after the message anyway, so holding them back
 * costs nothing and guarantees that each block's JSON parses. The finish reason does not end the
 * stream: the usage chunk comes after it, and only {@code [DONE]} or EOF does.
 */
final class ChunkTranslator {

    private enum State { IDLE, IN_THINKING, IN_TEXT, ENDED }

    private final ProviderCall call;
    private final TokenCounter tokens;
    private final String backend;
    private final ToolCalls toolCalls;
    private final ToolCallAccumulator pendingTools = new ToolCallAccumulator();
    private final ThinkTags thinkTags;
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder generated = new StringBuilder();
    private State state = State.IDLE;
    private int nextIndex;
    private boolean madeToolCalls;
    private boolean refused;
    private String finishReason;
    private String matchedStop;
    private JsonNode usage;

    ChunkTranslator(ProviderCall call, IdGenerator ids, TokenCounter tokens) {
        this.call = call;
        this.tokens = tokens;
        this.backend = call.route().backend();
        this.toolCalls = new ToolCalls(ids, backend);
        this.thinkTags = call.route().capabilities().splitThinkTags() ? new ThinkTags() : null;
    }

    /** The opening event, sent as soon as the provider accepted the request. */
    StreamEvent start() {
        return new StreamEvent.MessageStarted(call.messageId(), call.route().alias(),
                new Usage(call.promptTokens().getAsInt(), 0, 0, 0, 0, true));
    }

    boolean ended() {
        return state == State.ENDED;
    }

    /** One SSE {@code data} payload. */
    void onData(String data, List<StreamEvent> out) {
        if (state == State.ENDED) {
            return;
        }
        if (data.equals("[DONE]")) {
            onEnd(out);
            return;
        }
        JsonNode chunk;
        try {
            chunk = ProviderJson.MAPPER.readTree(data);
        } catch (IOException e) {
            fail(out, ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' sent a stream chunk that is not JSON: " + excerpt(data)));
            return;
        }
        if (chunk == null || !chunk.isObject()) {
            return;
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            fail(out, Failures.inBand(error, backend));
            return;
        }
        if (chunk.get("usage") instanceof JsonNode u && u.isObject()) {
            usage = u;
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isObject()) {
            choice(choice, out);
        }
    }

    /** The provider closed the stream ({@code [DONE]} or EOF). */
    void onEnd(List<StreamEvent> out) {
        if (state == State.ENDED) {
            return;
        }
        if (finishReason == null) {
            fail(out, ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "the stream from backend '" + backend
                    + "' ended before the model finished (no finish_reason)"));
            return;
        }
        if (thinkTags != null) {
            thinkTags.finish().forEach(s -> segment(s, out));
        }
        if (!flushTools(out)) {
            return;
        }
        closeBlock(out);
        if (nextIndex == 0) {
            // Clients expect at least one block (protocol.md D.3 rule 7).
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.Text()));
            out.add(new StreamEvent.BlockStopped(nextIndex++));
        }
        FinishReasons.Outcome outcome = FinishReasons.map(finishReason, matchedStop, call.request().stopSequences(),
                madeToolCalls);
        out.add(new StreamEvent.MessageDelta(refused ? StopReason.REFUSAL : outcome.reason(), outcome.stopSequence(),
                finalUsage()));
        out.add(new StreamEvent.MessageStopped());
        state = State.ENDED;
    }

    /** The connection broke or another error ended the stream early. */
    void fail(List<StreamEvent> out, ProviderFailure failure) {
        if (state != State.ENDED) {
            out.add(new StreamEvent.StreamFailed(failure));
            state = State.ENDED;
        }
    }

    private void choice(JsonNode choice, List<StreamEvent> out) {
        JsonNode delta = choice.path("delta");
        String reasoning = Reasoning.text(delta);
        if (!reasoning.isEmpty()) {
            if (!flushTools(out)) {
                return;
            }
            thinkingDelta(reasoning, out);
        }
        String content = ProviderJson.text(delta, "content");
        if (content != null && !content.isEmpty()) {
            if (!flushTools(out)) {
                return;
            }
            if (thinkTags != null) {
                thinkTags.feed(content).forEach(s -> segment(s, out));
            } else {
                textDelta(content, out);
            }
        }
        String refusal = ProviderJson.text(delta, "refusal");
        if (refusal != null && !refusal.isEmpty()) {
            refused = true;
            if (!flushTools(out)) {
                return;
            }
            textDelta(refusal, out);
        }
        JsonNode fragments = delta.get("tool_calls");
        if (fragments != null && fragments.isArray()) {
            for (int i = 0; i < fragments.size(); i++) {
                pendingTools.add(fragments.get(i), i);
            }
        }
        String finish = ProviderJson.text(choice, "finish_reason");
        if (finish != null) {
            if (finish.equals("error")) {
                JsonNode error = choice.get("error");
                fail(out, error != null && error.isObject() ? Failures.inBand(error, backend)
                        : ProviderFailure.of(FailureKind.SERVER_ERROR, backend, "backend '" + backend
                        + "' ended the stream with finish_reason \"error\""));
                return;
            }
            finishReason = finish;
            matchedStop = ProviderJson.text(choice, "stop_reason");
        }
    }

    private void segment(ThinkTags.Segment segment, List<StreamEvent> out) {
        if (segment.thinking()) {
            thinkingDelta(segment.text(), out);
        } else {
            textDelta(segment.text(), out);
        }
    }

    private void thinkingDelta(String text, List<StreamEvent> out) {
        if (state != State.IN_THINKING) {
            closeBlock(out);
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.Thinking()));
            state = State.IN_THINKING;
        }
        thinking.append(text);
        generated.append(text);
        out.add(new StreamEvent.BlockDelta(nextIndex, new Delta.Thinking(text)));
    }

    private void textDelta(String text, List<StreamEvent> out) {
        if (state != State.IN_TEXT) {
            closeBlock(out);
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.Text()));
            state = State.IN_TEXT;
        }
        generated.append(text);
        out.add(new StreamEvent.BlockDelta(nextIndex, new Delta.Text(text)));
    }

    private void closeBlock(List<StreamEvent> out) {
        switch (state) {
            case IN_THINKING -> {
                out.add(new StreamEvent.BlockDelta(nextIndex, new Delta.Signature(ThinkingSignatures.sign(thinking.toString()))));
                thinking.setLength(0);
                out.add(new StreamEvent.BlockStopped(nextIndex++));
            }
            case IN_TEXT -> out.add(new StreamEvent.BlockStopped(nextIndex++));
            case IDLE, ENDED -> { }
        }
        if (state != State.ENDED) {
            state = State.IDLE;
        }
    }

    /** Sends the collected tool calls as whole blocks; false (and the stream failed) if one cannot be repaired. */
    private boolean flushTools(List<StreamEvent> out) {
        if (pendingTools.isEmpty()) {
            return true;
        }
        closeBlock(out);
        for (ToolCallAccumulator.Call pending : pendingTools.drain()) {
            if (pending.name == null || pending.name.isEmpty()) {
                fail(out, ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                        + "' streamed a tool call without a name"));
                return false;
            }
            ContentBlock.ToolUse use;
            try {
                use = toolCalls.finish(pending.id, pending.name, pending.arguments.toString());
            } catch (ProviderException e) {
                fail(out, e.failure());
                return false;
            }
            madeToolCalls = true;
            generated.append(use.name()).append(use.input().text());
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.ToolUse(use.id(), use.name())));
            out.add(new StreamEvent.BlockDelta(nextIndex, new Delta.InputJson(use.input().text())));
            out.add(new StreamEvent.BlockStopped(nextIndex++));
        }
        return true;
    }

    private Usage finalUsage() {
        Usage reported = UsageMapper.fromOpenAi(usage);
        if (reported != null) {
            return reported;
        }
        return UsageMapper.estimated(call.promptTokens().getAsInt(), tokens.countText(generated.toString()));
    }

    private static String excerpt(String data) {
        return data.length() <= 120 ? data : data.substring(0, 120) + "...";
    }
}
