package dev.claudia.router.domain.message;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A request for the next assistant message, independent of any wire format.
 *
 * @param model          the model name the caller asked for (an alias in config.json)
 * @param system         the leading system prompt, as text blocks (may be empty)
 * @param messages       the conversation, in order
 * @param tools          tools the model may call
 * @param toolChoice     null when the caller did not say
 * @param maxTokens      output token limit
 * @param sampling       temperature, top_p, top_k
 * @param stopSequences  custom stop strings
 * @param userId         an opaque end-user id (Anthropic {@code metadata.user_id}); null when absent
 * @param thinking       extended-thinking request
 * @param effort         null when the caller did not say
 * @param outputSchema   JSON Schema the answer must follow; null when absent
 * @param stream         whether the caller wants server-sent events
 * @param betas          the {@code anthropic-beta} flags the caller sent (they can inform routing)
 * @param client         what the client says about itself (session, subagent), from its headers
 * @param original       the request exactly as the caller sent it (body, {@code anthropic-version},
 *                       {@code anthropic-beta}), for adapters that forward it instead of translating
 *                       the fields above; null for requests built in code
 */
public record MessageRequest(
        String model,
        List<ContentBlock.Text> system,
        List<Message> messages,
        List<ToolDefinition> tools,
        ToolChoice toolChoice,
        int maxTokens,
        Sampling sampling,
        List<String> stopSequences,
        String userId,
        ThinkingConfig thinking,
        Effort effort,
        RawJson outputSchema,
        boolean stream,
        Set<String> betas,
        ClientMetadata client,
        Verbatim original) {

    public MessageRequest {
        Objects.requireNonNull(model, "model");
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(sampling, "sampling");
        stopSequences = List.copyOf(stopSequences);
        Objects.requireNonNull(thinking, "thinking");
        betas = Set.copyOf(betas);
        Objects.requireNonNull(client, "client");
    }

    /** A request built in code: no client metadata, no caller's bytes. */
    public MessageRequest(String model, List<ContentBlock.Text> system, List<Message> messages, List<ToolDefinition> tools,
                          ToolChoice toolChoice, int maxTokens, Sampling sampling, List<String> stopSequences,
                          String userId, ThinkingConfig thinking, Effort effort, RawJson outputSchema, boolean stream,
                          Set<String> betas) {
        this(model, system, messages, tools, toolChoice, maxTokens, sampling, stopSequences, userId, thinking, effort,
                outputSchema, stream, betas, ClientMetadata.NONE, null);
    }

    /** A minimal request, for tests and for callers that build requests in code. */
    public static MessageRequest of(String model, int maxTokens, List<Message> messages) {
        return new MessageRequest(model, List.of(), messages, List.of(), null, maxTokens, Sampling.DEFAULT,
                List.of(), null, ThinkingConfig.UNSPECIFIED, null, null, false, Set.of());
    }

    public MessageRequest withModel(String newModel) {
        return new MessageRequest(newModel, system, messages, tools, toolChoice, maxTokens, sampling, stopSequences,
                userId, thinking, effort, outputSchema, stream, betas, client, original);
    }

    public MessageRequest withStream(boolean newStream) {
        return new MessageRequest(model, system, messages, tools, toolChoice, maxTokens, sampling, stopSequences,
                userId, thinking, effort, outputSchema, newStream, betas, client, original);
    }

    public MessageRequest withMaxTokens(int newMaxTokens) {
        if (newMaxTokens == maxTokens) {
            return this;
        }
        return new MessageRequest(model, system, messages, tools, toolChoice, newMaxTokens, sampling, stopSequences,
                userId, thinking, effort, outputSchema, stream, betas, client, original);
    }

    public MessageRequest withClient(ClientMetadata newClient) {
        return new MessageRequest(model, system, messages, tools, toolChoice, maxTokens, sampling, stopSequences,
                userId, thinking, effort, outputSchema, stream, betas, newClient, original);
    }

    /** The same request, with the bytes the caller sent. */
    public MessageRequest withOriginal(Verbatim newOriginal) {
        return new MessageRequest(model, system, messages, tools, toolChoice, maxTokens, sampling, stopSequences,
                userId, thinking, effort, outputSchema, stream, betas, client, newOriginal);
    }

    /**
     * The deferred tools the conversation has loaded: names in {@code tool_reference} blocks of tool
     * results (what a tool search answers). Anthropic expands exactly these; a deferred tool
     * nobody referenced is not part of the model's prompt.
     */
    public Set<String> referencedTools() {
        Set<String> names = new java.util.HashSet<>();
        for (Message message : messages) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolResult result) {
                    for (ContentBlock part : result.content()) {
                        if (part instanceof ContentBlock.ToolReference reference) {
                            names.add(reference.toolName());
                        }
                    }
                }
            }
        }
        return names;
    }

    /** True when the caller asked for reasoning (enabled or adaptive thinking). */
    public boolean wantsThinking() {
        return thinking instanceof ThinkingConfig.Enabled || thinking instanceof ThinkingConfig.Adaptive;
    }
}
