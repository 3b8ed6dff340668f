package dev.claudia.router.adapters.provider.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * The parts of one {@code chat.completion.chunk} the translator reads, as {@link ChunkReader}
 * leaves them: plain values for what nearly every chunk carries (a text, reasoning or tool-call
 * fragment, a finish reason), JSON subtrees only for the rare parts the dialect rules read as
 * trees (an in-band error, usage, OpenRouter's {@code reasoning_details}, content parts).
 * A field the provider sent with another type than the one read here counts as absent, as
 * {@code ProviderJson.text} treats it.
 *
 * @param error   the top-level {@code error}, any JSON value but null; or null
 * @param usage   the {@code usage} object, or null
 * @param timings llama.cpp's {@code timings} object beside the usage (older servers report cached tokens there), or null
 * @param choice  {@code choices[0]} when it is an object, or null (other choices are not read)
 */
record Chunk(JsonNode error, JsonNode usage, JsonNode timings, Choice choice) {

    /** What {@code UsageRule} may read beside the usage: the timings alone, or null. */
    JsonNode usageContainer() {
        return timings == null ? null : JsonNodeFactory.instance.objectNode().set("timings", timings);
    }

    /**
     * @param delta        the {@code delta} object, or {@link Delta#EMPTY} when absent or not an object
     * @param finishReason text or null
     * @param stopReason   vLLM's matched stop string, text or null
     * @param error        OpenRouter's {@code error} object beside {@code finish_reason: "error"}, or null
     */
    record Choice(Delta delta, String finishReason, String stopReason, JsonNode error) {}

    /**
     * @param reasoningContent {@code reasoning_content}, text or null
     * @param reasoning        {@code reasoning}, text or null
     * @param reasoningDetails OpenRouter's {@code reasoning_details} array, or null
     * @param content          {@code content} when it is text, or null
     * @param contentParts     {@code content} when it is an array of parts (Mistral), or null
     * @param refusal          text or null
     * @param toolCalls        the {@code tool_calls} array's fragments, or null when there is no array
     */
    record Delta(String reasoningContent, String reasoning, JsonNode reasoningDetails, String content,
                 JsonNode contentParts, String refusal, List<Fragment> toolCalls) {

        static final Delta EMPTY = new Delta(null, null, null, null, null, null, null);
    }

    /**
     * One element of {@code tool_calls}; an element that is not an object is {@link #NONE}, all absent.
     *
     * @param index           the {@code index} when it is a number that fits an int, or null
     * @param id              text or null
     * @param name            {@code function.name}, text or null
     * @param arguments       {@code function.arguments} when it is text, or null
     * @param argumentsObject {@code function.arguments} when it is an object (Ollama), or null
     * @param signature       Gemini's {@code extra_content.google.thought_signature}, text or null
     */
    record Fragment(Integer index, String id, String name, String arguments, JsonNode argumentsObject,
                    String signature) {

        static final Fragment NONE = new Fragment(null, null, null, null, null, null);
    }
}
