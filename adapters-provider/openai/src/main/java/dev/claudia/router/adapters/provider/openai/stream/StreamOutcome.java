package dev.claudia.router.adapters.provider.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.dialect.UsageRule;
import dev.claudia.router.adapters.provider.openai.mapping.FinishReasons;
import dev.claudia.router.adapters.provider.openai.mapping.UsageMapper;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.StreamEvent;

/**
 * What the final {@code message_delta} of one stream will say: the remembered finish reason (it
 * arrives before the usage chunk, so it does not end the stream), the last usage the provider
 * reported, and the generated text for an estimate when it reports none.
 */
final class StreamOutcome {

    private final StringBuilder generated = new StringBuilder();
    private String finishReason;
    private String matchedStop;
    private boolean refused;
    private JsonNode usage;
    private JsonNode usageChunk;

    /** Text, reasoning and tool arguments, in the order generated. */
    StringBuilder generated() {
        return generated;
    }

    void finished(String reason, String stopReason) {
        finishReason = reason;
        matchedStop = stopReason;
    }

    boolean finished() {
        return finishReason != null;
    }

    void refused() {
        refused = true;
    }

    /** Usage is cumulative in every chunk that carries it: the last one wins (with its chunk, for fields beside it). */
    void usage(JsonNode reported, JsonNode chunk) {
        usage = reported;
        usageChunk = chunk;
    }

    StreamEvent.MessageDelta messageDelta(ProviderCall call, TokenCounter tokens, boolean madeToolCalls, UsageRule rule) {
        FinishReasons.Outcome outcome = FinishReasons.map(finishReason, matchedStop, call.request().stopSequences(),
                madeToolCalls);
        Usage reported = UsageMapper.fromOpenAi(usage, rule, usageChunk);
        Usage total = reported != null ? reported
                : UsageMapper.estimated(call.promptTokens().getAsInt(), tokens.countText(generated.toString()));
        return new StreamEvent.MessageDelta(refused ? StopReason.REFUSAL : outcome.reason(), outcome.stopSequence(), total);
    }
}
