package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.adapters.provider.openai.dialect.Dialect;
import dev.claudia.router.adapters.provider.openai.dialect.RequestFields;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.ResponseFormat;
import dev.claudia.router.adapters.provider.openai.wire.ChatCompletionRequest.StreamOptions;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.provider.support.JsonMerge;
import dev.claudia.router.provider.support.UserIds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Builds the provider request body for one call: the translated conversation and tools, sampling,
 * the route's reasoning style, the dialect's field rules ({@link RequestFields}), and last the route's {@code extraBody}, deep-merged so a profile
 * can set or override anything. The body is written once, straight to bytes: Claude Code prompts
 * are 80-240 KB, and the merge only ever needs the small top-level fields as a tree.
 */
public final class RequestMapper {

    private RequestMapper() {}

    public static byte[] body(ProviderCall call, OpenAiChatOptions options, boolean stream) {
        return body(CallRules.of(call, options), stream);
    }

    public static byte[] body(CallRules rules, boolean stream) {
        ProviderCall call = rules.call();
        OpenAiChatOptions options = rules.options();
        Dialect dialect = rules.dialect();
        Route route = call.route();
        MessageRequest request = call.request();
        var tools = ToolsMapper.tools(request.tools(), request.referencedTools(), rules.names(), dialect.schemas(),
                call.warnings());
        boolean haveTools = tools != null;
        ReasoningMapper.Reasoning reasoning = ReasoningMapper.map(request, options.reasoning(), call.warnings());
        // The application already fitted max_tokens to the route's limits and window; capping again
        // here keeps the declared output limit for callers that reach the adapter directly. A
        // dialect's cap (a model's documented maximum) applies only where the profile declares none.
        int maxTokens = route.limits().capOutput(request.maxTokens());
        if (rules.outputCap() > 0) {
            maxTokens = Math.min(maxTokens, rules.outputCap());
        }
        Boolean parallel = ToolsMapper.parallel(request.toolChoice(), haveTools);
        if (parallel == null && haveTools && dialect.parallelToolCalls()) {
            parallel = Boolean.TRUE;
        }
        ChatCompletionRequest body = RequestFields.fit(new ChatCompletionRequest(
                route.providerModel(),
                MessagesMapper.map(rules),
                tools,
                ToolsMapper.choice(request.toolChoice(), haveTools, rules.names()),
                parallel,
                maxTokens > 0 ? maxTokens : null,
                request.stopSequences().isEmpty() ? null : request.stopSequences(),
                stream ? Boolean.TRUE : null,
                stream && options.streamUsage() ? new StreamOptions(true) : null,
                request.sampling().temperature(),
                request.sampling().topP(),
                request.sampling().topK(),
                request.userId() == null ? null : UserIds.hashed(request.userId()),
                request.outputSchema() == null ? null : new ResponseFormat("json_schema",
                        new ChatCompletionRequest.JsonSchema("output", request.outputSchema().text(), true)),
                reasoning.effort()), dialect, call.warnings());
        try {
            JsonNode extraBody = extraBody(route.extraBody());
            if (reasoning.extras().isEmpty() && extraBody.isEmpty()) {
                return ProviderJson.MAPPER.writeValueAsBytes(body);
            }
            return merged(body, reasoning.extras(), extraBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code body} with the dialect extras and then {@code extraBody} merged in. Only the
     * top-level fields become a tree; {@code messages} and {@code tools} are written from the
     * records, unless {@code extraBody} replaces them (a merge can only replace an array).
     */
    private static byte[] merged(ChatCompletionRequest body, Map<String, Object> extras, JsonNode extraBody)
            throws IOException {
        ObjectNode head = ProviderJson.MAPPER.valueToTree(body.withoutConversation());
        extras.forEach((key, value) -> JsonMerge.merge(head, key, ProviderJson.MAPPER.valueToTree(value)));
        extraBody.properties().forEach(e -> JsonMerge.merge(head, e.getKey(), e.getValue()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = ProviderJson.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, JsonNode> field : head.properties()) {
                json.writeFieldName(field.getKey());
                json.writeTree(field.getValue());
                if (field.getKey().equals("model")) {
                    if (!head.has("messages")) {
                        json.writeFieldName("messages");
                        json.writeObject(body.messages());
                    }
                    if (body.tools() != null && !head.has("tools")) {
                        json.writeFieldName("tools");
                        json.writeObject(body.tools());
                    }
                }
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static JsonNode extraBody(RawJson extraBody) throws IOException {
        if (extraBody.text().equals("{}")) {
            return ProviderJson.MAPPER.createObjectNode();
        }
        JsonNode node = ProviderJson.MAPPER.readTree(extraBody.text());
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a route's extraBody must be a JSON object, was: " + extraBody.text());
        }
        return node;
    }
}
