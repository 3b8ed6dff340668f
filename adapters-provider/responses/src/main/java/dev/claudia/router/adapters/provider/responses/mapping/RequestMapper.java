package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.adapters.provider.responses.OpenAiResponsesOptions;
import dev.claudia.router.adapters.provider.responses.wire.ResponsesRequest;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.provider.support.JsonMerge;
import dev.claudia.router.provider.support.UserIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the {@code POST /responses} body for one call: the system prompt as {@code instructions},
 * the conversation as {@code input} items, tools, reasoning, the output limit, structured output as
 * {@code text.format}, {@code store} (false unless configured) and last the route's {@code extraBody},
 * deep-merged so a profile can set or override anything. What the Responses API has no field for
 * ({@code stop_sequences}, {@code top_k}; sampling for reasoning models unless configured) is left
 * out and reported.
 */
public final class RequestMapper {

    /** OpenAI refuses smaller {@code max_output_tokens} ("Expected a value >= 16"). */
    static final int MIN_OUTPUT_TOKENS = 16;

    /** Claude Code's per-request billing marker: not an instruction, and it would defeat prompt caching. */
    static final String BILLING_HEADER = "x-anthropic-billing-header:";

    private RequestMapper() {}

    public static byte[] body(ProviderCall call, OpenAiResponsesOptions options, boolean stream) {
        Route route = call.route();
        MessageRequest request = call.request();
        Consumer<Warning> warnings = call.warnings();
        var tools = ToolsMapper.tools(request.tools(), request.referencedTools(), warnings);
        boolean haveTools = tools != null;
        ReasoningMapper.Mapped reasoning = ReasoningMapper.map(request, options, warnings);
        // safety_identifier (OpenAI asks for a hash) and prompt_cache_key (one cache bucket per session)
        String user = request.userId() == null ? null : UserIds.hashed(request.userId());
        ResponsesRequest body = new ResponsesRequest(
                route.providerModel(),
                instructions(request),
                InputMapper.map(request, ReasoningSignatures.source(route.backend(), route.providerModel()),
                        options.store(), warnings),
                tools,
                ToolsMapper.choice(request.toolChoice(), haveTools),
                ToolsMapper.parallel(request.toolChoice(), haveTools),
                maxOutputTokens(request.maxTokens(), route.limits().maxOutputTokens(), warnings),
                sampling(request.sampling().temperature(), "temperature", options, warnings),
                sampling(request.sampling().topP(), "top_p", options, warnings),
                reasoning.reasoning(),
                request.outputSchema() == null ? null
                        : new ResponsesRequest.TextConfig(ResponsesRequest.JsonSchemaFormat.of(request.outputSchema().text())),
                options.store(),
                reasoning.include(),
                stream ? Boolean.TRUE : null,
                options.serviceTier(),
                user,
                user);
        if (request.sampling().topK() != null) {
            warnings.accept(new Warning("top_k", "the Responses API has no top_k"));
        }
        if (!request.stopSequences().isEmpty()) {
            warnings.accept(new Warning("stop_sequences", "the Responses API has no stop sequences"));
        }
        try {
            if (route.extraBody().text().equals("{}")) {
                return ResponsesJson.MAPPER.writeValueAsBytes(body);
            }
            // Rare (profiles with extraBody): the whole body becomes a tree once, so the merge can reach anything.
            ObjectNode tree = ResponsesJson.MAPPER.valueToTree(body);
            extraBody(route.extraBody()).properties().forEach(e -> JsonMerge.merge(tree, e.getKey(), e.getValue()));
            return ResponsesJson.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system prompt's blocks joined by blank lines, without Claude Code's billing marker; null when empty. */
    static String instructions(MessageRequest request) {
        List<String> texts = new ArrayList<>();
        for (ContentBlock.Text block : request.system()) {
            if (!block.text().startsWith(BILLING_HEADER) && !block.text().isBlank()) {
                texts.add(block.text());
            }
        }
        return texts.isEmpty() ? null : String.join("\n\n", texts);
    }

    /** {@code max_tokens}, clamped by the route's limit and raised to OpenAI's minimum (reported). */
    static Integer maxOutputTokens(int requested, int routeLimit, Consumer<Warning> warnings) {
        int tokens = routeLimit > 0 ? Math.min(requested, routeLimit) : requested;
        if (tokens <= 0) {
            return null;
        }
        if (tokens < MIN_OUTPUT_TOKENS) {
            warnings.accept(new Warning("max_tokens", "raised to " + MIN_OUTPUT_TOKENS + ", the Responses API's minimum"));
            return MIN_OUTPUT_TOKENS;
        }
        return tokens;
    }

    private static Double sampling(Double value, String field, OpenAiResponsesOptions options, Consumer<Warning> warnings) {
        if (value == null || options.sendSampling()) {
            return value;
        }
        warnings.accept(new Warning(field, "reasoning models reject it (options.sampling is \"drop\")"));
        return null;
    }

    private static JsonNode extraBody(RawJson extraBody) throws IOException {
        JsonNode node = ResponsesJson.MAPPER.readTree(extraBody.text());
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a route's extraBody must be a JSON object, was: " + extraBody.text());
        }
        return node;
    }
}
