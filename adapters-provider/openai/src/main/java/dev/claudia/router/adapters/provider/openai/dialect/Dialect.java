package dev.claudia.router.adapters.provider.openai.dialect;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningHistory;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.ReasoningStyle;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions.SystemMessages;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one family of OpenAI-compatible providers differs from the OpenAI spec, as data: the
 * {@code openai-chat} adapter has one code path and asks its dialect at each point where providers
 * disagree. The table of known dialects is {@link Dialects}; docs/providers.md explains each entry.
 *
 * @param name              the value of {@code backends.<name>.dialect}
 * @param defaults          the adapter options a backend of this dialect starts from (each can be
 *                          overridden by the backend's and the profile's options)
 * @param droppedFields     top-level request fields this provider rejects; left out, and reported
 * @param schemas           how tool parameter schemas must be rewritten
 * @param toolNames         which function names the provider accepts (others are shortened, and
 *                          restored in answers)
 * @param toolIds           which tool-call ids the provider accepts (others are re-derived)
 * @param replayField       the assistant-message field that carries earlier reasoning
 *                          ({@code reasoning_content}, {@code reasoning}); null when the provider
 *                          rejects any such field
 * @param thoughtSignatures tool calls carry Gemini thought signatures that must come back
 * @param userAfterTool     the provider accepts a user message right after a tool message
 * @param parallelToolCalls ask for parallel tool calls explicitly (llama.cpp makes one at a time otherwise)
 * @param outputCap         the largest {@code max_tokens} a model takes, when the profile declares none
 * @param usage             where the provider reports cached prompt tokens
 * @param errors            provider-specific error texts, tried before the generic ones
 */
public record Dialect(String name, Defaults defaults, Set<String> droppedFields, SchemaRule schemas, NameRule toolNames,
                      IdRule toolIds, String replayField, boolean thoughtSignatures, boolean userAfterTool,
                      boolean parallelToolCalls, OutputCap outputCap, UsageRule usage, List<ErrorRule> errors) {

    public Dialect {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaults, "defaults");
        droppedFields = Set.copyOf(droppedFields);
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(toolNames, "toolNames");
        Objects.requireNonNull(toolIds, "toolIds");
        Objects.requireNonNull(outputCap, "outputCap");
        Objects.requireNonNull(usage, "usage");
        errors = List.copyOf(errors);
    }

    /**
     * The option values of a backend of this dialect before config.json says anything.
     *
     * @param reasoning        how thinking is asked for
     * @param systemMessages   where mid-conversation system messages go
     * @param streamUsage      send {@code stream_options.include_usage}
     * @param splitThinkTags   split {@code <think>} text into thinking (servers without a reasoning parser)
     * @param reasoningHistory which earlier reasoning goes back to the provider
     */
    public record Defaults(ReasoningStyle reasoning, SystemMessages systemMessages, boolean streamUsage,
                           boolean splitThinkTags, ReasoningHistory reasoningHistory) {
        public Defaults {
            Objects.requireNonNull(reasoning, "reasoning");
            Objects.requireNonNull(systemMessages, "systemMessages");
            Objects.requireNonNull(reasoningHistory, "reasoningHistory");
        }
    }

    /** The largest output a model of this provider accepts; 0 for no cap. */
    @FunctionalInterface
    public interface OutputCap {
        OutputCap NONE = model -> 0;

        int tokens(String providerModel);
    }

    /**
     * The tool-call id rule for one provider model: Mistral's tokenizer enforces its own wherever
     * the model is served (vLLM, OpenRouter, llama.cpp), so the model's name can decide too.
     */
    public IdRule toolIdsFor(String providerModel) {
        return toolIds != IdRule.MISTRAL && IdRule.isMistralModel(providerModel) ? IdRule.MISTRAL : toolIds;
    }
}
