package dev.claudia.router.adapters.provider.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.adapters.provider.openai.dialect.ErrorRule;
import dev.claudia.router.adapters.provider.openai.dialect.TextToolCalls;
import dev.claudia.router.adapters.provider.openai.mapping.Failures;
import dev.claudia.router.adapters.provider.openai.mapping.Reasoning;
import dev.claudia.router.adapters.provider.openai.mapping.ResponseMapper;
import dev.claudia.router.adapters.provider.openai.mapping.ThinkTags;
import dev.claudia.router.adapters.provider.openai.mapping.ThinkingSignatures;
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
 * The stream state machine: OpenAI {@code chat.completion.chunk} payloads in, block-shaped domain
 * events out. One instance per stream, nothing static or shared, so streams
 * translated side by side cannot mix ids or usage. Lifecycle: {@link #start()}, then
 * {@link #onData} per SSE event, then {@link #onEnd} (or {@link #fail}).
 *
 * <p>States: {@code IDLE} (no block open), {@code IN_THINKING}, {@code IN_TEXT}, {@code ENDED}
 * (after the final events or a failure; everything else is ignored). Reasoning and text are
 * forwarded the moment their chunk is translated, one delta per fragment; a thinking block ends
 * with one signature delta. Tool calls are collected by {@link ToolBlocks} and emitted whole when
 * other content follows them or at the end. {@code finish_reason} is only remembered: the usage
 * chunk comes after it, and only {@code [DONE]} or EOF ends the stream.
 *
 * <p>The dialect's part is a few small calls ({@link CallRules}): tool names restored and
 * thought signatures carried ({@link ToolBlocks}), text run through {@link TextToolCalls} when the
 * route recovers tool calls printed as text, usage read by the dialect's rule, in-band errors read
 * by its error rules.
 */
final class ChunkTranslator {

    private enum State { IDLE, IN_THINKING, IN_TEXT, ENDED }

    private final ProviderCall call;
    private final CallRules rules;
    private final TokenCounter tokens;
    private final String backend;
    private final ToolBlocks tools;
    private final StreamOutcome outcome = new StreamOutcome();
    private final ThinkTags thinkTags;
    private final TextToolCalls textCalls;
    private final StringBuilder thinking = new StringBuilder();
    private State state = State.IDLE;
    private int nextIndex;

    ChunkTranslator(ProviderCall call, boolean splitThinkTags, IdGenerator ids, TokenCounter tokens) {
        this(CallRules.of(call, new OpenAiChatOptions(OpenAiChatOptions.DEFAULT.reasoning(),
                OpenAiChatOptions.DEFAULT.systemMessages(), true, splitThinkTags)), ids, tokens);
    }

    ChunkTranslator(CallRules rules, IdGenerator ids, TokenCounter tokens) {
        this.call = rules.call();
        this.rules = rules;
        this.tokens = tokens;
        this.backend = call.route().backend();
        this.tools = new ToolBlocks(ids, backend, rules.names()::original, rules.dialect().thoughtSignatures());
        this.thinkTags = rules.options().splitThinkTags() ? new ThinkTags() : null;
        this.textCalls = rules.options().toolCallsInText() ? new TextToolCalls(rules.names()::offered) : null;
    }

    /** The opening event, made without reading: the input count is our estimate until the provider's arrives. */
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
        if (data.isBlank()) {
            return; // an empty keep-alive event
        }
        Chunk chunk;
        try {
            chunk = ChunkReader.read(data);
        } catch (IOException e) {
            chunk = null;
        }
        if (chunk == null) {
            fail(out, ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' sent a stream chunk that is not a JSON object: " + excerpt(data)));
            return;
        }
        if (chunk.error() != null) { // ChunkReader leaves a JSON null out
            fail(out, inBand(chunk.error()));
            return;
        }
        if (chunk.usage() != null) {
            outcome.usage(chunk.usage(), chunk.usageContainer());
        }
        if (chunk.choice() != null) {
            choice(chunk.choice(), out);
        }
    }

    /** The provider closed the stream ({@code [DONE]} or EOF). */
    void onEnd(List<StreamEvent> out) {
        if (state == State.ENDED) {
            return;
        }
        if (!outcome.finished()) {
            // Without a finish_reason the answer is cut short (a proxy or the provider gave up):
            // passing it off as complete would let the client act on half an answer.
            fail(out, ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "stream from backend '" + backend
                    + "' ended before the model finished (no finish_reason)"));
            return;
        }
        if (thinkTags != null) {
            thinkTags.finish().forEach(s -> segment(s, out));
        }
        if (textCalls != null) {
            textCalls.finish().forEach(p -> piece(p, out));
        }
        if (!flushTools(out)) {
            return;
        }
        closeBlock(out);
        if (nextIndex == 0) {
            // Clients expect at least one block.
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.Text()));
            out.add(new StreamEvent.BlockStopped(nextIndex++));
        }
        out.add(outcome.messageDelta(call, tokens, tools.made(), rules.dialect().usage()));
        out.add(new StreamEvent.MessageStopped());
        state = State.ENDED;
    }

    /** The connection broke, or another error ended the stream early: nothing follows. */
    void fail(List<StreamEvent> out, ProviderFailure failure) {
        if (state != State.ENDED) {
            out.add(new StreamEvent.StreamFailed(failure));
            state = State.ENDED;
        }
    }

    private void choice(Chunk.Choice choice, List<StreamEvent> out) {
        Chunk.Delta delta = choice.delta();
        String reasoning = Reasoning.text(delta.reasoningContent(), delta.reasoning(), delta.reasoningDetails())
                + Reasoning.inContent(delta.contentParts());
        if (!reasoning.isEmpty() && flushTools(out)) {
            thinkingDelta(reasoning, out);
        }
        String encrypted = Reasoning.encryptedIn(delta.reasoningDetails());
        if (encrypted != null && flushTools(out)) {
            // OpenRouter's encrypted reasoning arrives whole: a redacted_thinking block, opened and closed at once.
            closeBlock(out);
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.RedactedThinking(encrypted)));
            out.add(new StreamEvent.BlockStopped(nextIndex++));
        }
        String content = delta.content() != null ? delta.content() : ResponseMapper.contentText(delta.contentParts());
        if (!content.isEmpty() && flushTools(out)) {
            if (thinkTags != null) {
                thinkTags.feed(content).forEach(s -> segment(s, out));
            } else {
                text(content, out);
            }
        }
        String refusal = delta.refusal();
        if (refusal != null && !refusal.isEmpty() && flushTools(out)) {
            outcome.refused();
            textDelta(refusal, out);
        }
        if (delta.toolCalls() != null) {
            tools.collect(delta.toolCalls());
        }
        String finish = choice.finishReason();
        if (finish == null || state == State.ENDED) {
            return;
        }
        if (finish.equals("error")) { // OpenRouter: the upstream model failed mid-answer
            JsonNode error = choice.error();
            fail(out, error != null ? inBand(error)
                    : ProviderFailure.of(FailureKind.SERVER_ERROR, backend, "backend '" + backend
                    + "' ended the stream with finish_reason \"error\""));
            return;
        }
        outcome.finished(finish, choice.stopReason());
    }

    private void segment(ThinkTags.Segment segment, List<StreamEvent> out) {
        if (segment.thinking()) {
            thinkingDelta(segment.text(), out);
        } else {
            text(segment.text(), out);
        }
    }

    /** Text the model wrote: straight on, or through the recovery of tool calls printed as text. */
    private void text(String text, List<StreamEvent> out) {
        if (textCalls == null) {
            textDelta(text, out);
        } else {
            textCalls.feed(text).forEach(p -> piece(p, out));
        }
    }

    private void piece(TextToolCalls.Piece piece, List<StreamEvent> out) {
        switch (piece) {
            case TextToolCalls.Piece.Text t -> {
                if (flushTools(out)) {
                    textDelta(t.text(), out);
                }
            }
            case TextToolCalls.Piece.Call c -> tools.addWhole(c.name(), c.arguments());
        }
    }

    private ProviderFailure inBand(JsonNode error) {
        return Failures.inBand(error, backend, rules.dialect().errors(),
                new ErrorRule.Facts(call.promptTokens().getAsInt(), call.request().maxTokens()));
    }

    private void thinkingDelta(String text, List<StreamEvent> out) {
        if (state != State.IN_THINKING) {
            closeBlock(out);
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.Thinking()));
            state = State.IN_THINKING;
        }
        thinking.append(text);
        outcome.generated().append(text);
        out.add(new StreamEvent.BlockDelta(nextIndex, new Delta.Thinking(text)));
    }

    private void textDelta(String text, List<StreamEvent> out) {
        if (state != State.IN_TEXT) {
            closeBlock(out);
            out.add(new StreamEvent.BlockStarted(nextIndex, new BlockStart.Text()));
            state = State.IN_TEXT;
        }
        outcome.generated().append(text);
        out.add(new StreamEvent.BlockDelta(nextIndex, new Delta.Text(text)));
    }

    /** Closes the open block; a thinking block first gets its one signature, over all its text. */
    private void closeBlock(List<StreamEvent> out) {
        switch (state) {
            case IN_THINKING -> {
                out.add(new StreamEvent.BlockDelta(nextIndex, new Delta.Signature(ThinkingSignatures.sign(thinking.toString()))));
                thinking.setLength(0);
                out.add(new StreamEvent.BlockStopped(nextIndex++));
                state = State.IDLE;
            }
            case IN_TEXT -> {
                out.add(new StreamEvent.BlockStopped(nextIndex++));
                state = State.IDLE;
            }
            case IDLE, ENDED -> { }
        }
    }

    /** Emits the collected tool calls; false (and the stream failed) when one is beyond repair or ended. */
    private boolean flushTools(List<StreamEvent> out) {
        if (state == State.ENDED) {
            return false;
        }
        if (!tools.pending()) {
            return true;
        }
        closeBlock(out);
        try {
            nextIndex = tools.flush(nextIndex, out, outcome.generated());
            return true;
        } catch (ProviderException e) {
            fail(out, e.failure());
            return false;
        }
    }

    private static String excerpt(String data) {
        return data.length() <= 120 ? data : data.substring(0, 120) + "...";
    }
}
