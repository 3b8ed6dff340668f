package dev.claudia.router.adapters.provider.openai.dialect;

import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest;
import dev.claudia.router.domain.message.Warning;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Leaves out the top-level fields a provider rejects: Gemini "Invalid JSON payload received.
 * Unknown name \"top_k\": Cannot find field.", Groq "property 'top_k' is unsupported", Mistral
 * 422 "Extra inputs are not permitted". Each one left out is reported.
 */
public final class RequestFields {

    /** The fields this adapter sends that some provider rejects. */
    public static final Set<String> DROPPABLE = Set.of("top_k", "user", "parallel_tool_calls", "stream_options");

    private RequestFields() {}

    public static ChatCompletionRequest fit(ChatCompletionRequest body, Dialect dialect, Consumer<Warning> warnings) {
        Set<String> dropped = dialect.droppedFields();
        if (dropped.isEmpty()) {
            return body;
        }
        return new ChatCompletionRequest(body.model(), body.messages(), body.tools(), body.toolChoice(),
                keep("parallel_tool_calls", body.parallelToolCalls(), dialect, warnings), body.maxTokens(), body.stop(),
                body.stream(), keep("stream_options", body.streamOptions(), dialect, warnings), body.temperature(),
                body.topP(), keep("top_k", body.topK(), dialect, warnings), keep("user", body.user(), dialect, warnings),
                body.responseFormat(), body.reasoningEffort());
    }

    private static <T> T keep(String field, T value, Dialect dialect, Consumer<Warning> warnings) {
        if (value == null || !dialect.droppedFields().contains(field)) {
            return value;
        }
        warnings.accept(new Warning(field, "the " + dialect.name() + " dialect's provider rejects it"));
        return null;
    }
}
