package dev.claudia.router.adapters.provider.openai.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.adapters.provider.openai.wire.ChatRequest;
import dev.claudia.router.adapters.provider.openai.wire.ChatRequest.ResponseFormat;
import dev.claudia.router.adapters.provider.openai.wire.ChatRequest.StreamOptions;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.Route;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the provider request body for one call: the translated conversation and tools, sampling,
 * the route's reasoning dialect, and last the profile's {@code extraBody}, deep-merged so a
 * profile can set or override anything.
 */
public final class RequestMapper {

    private RequestMapper() {}

    public static byte[] body(ProviderCall call, boolean stream) {
        Route route = call.route();
        MessageRequest request = call.request();
        Capabilities capabilities = route.capabilities();
        var tools = ToolsMapper.tools(request.tools(), call.warnings());
        boolean haveTools = tools != null;
        ReasoningMapper.Reasoning reasoning = ReasoningMapper.map(request, capabilities.reasoning(), call.warnings());
        int maxTokens = capabilities.maxOutputTokens() > 0
                ? Math.min(request.maxTokens(), capabilities.maxOutputTokens()) : request.maxTokens();
        ChatRequest body = new ChatRequest(
                route.providerModel(),
                MessagesMapper.map(request, capabilities, call.warnings()),
                tools,
                ToolsMapper.choice(request.toolChoice(), haveTools),
                ToolsMapper.parallel(request.toolChoice(), haveTools),
                maxTokens > 0 ? maxTokens : null,
                request.stopSequences().isEmpty() ? null : request.stopSequences(),
                stream ? Boolean.TRUE : null,
                stream && capabilities.streamUsage() ? new StreamOptions(true) : null,
                request.sampling().temperature(),
                request.sampling().topP(),
                request.sampling().topK(),
                request.userId() == null ? null : hashedUser(request.userId()),
                request.outputSchema() == null ? null : new ResponseFormat("json_schema",
                        new ChatRequest.JsonSchema("output", request.outputSchema().text(), true)),
                reasoning.effort());
        try {
            boolean plain = reasoning.extras().isEmpty() && route.extraBody().text().equals("{}");
            if (plain) {
                return ProviderJson.MAPPER.writeValueAsBytes(body);
            }
            ObjectNode tree = ProviderJson.MAPPER.valueToTree(body);
            reasoning.extras().forEach((k, v) -> merge(tree, k, ProviderJson.MAPPER.valueToTree(v)));
            JsonNode extra = ProviderJson.MAPPER.readTree(route.extraBody().text());
            for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                merge(tree, e.getKey(), e.getValue());
            }
            return ProviderJson.MAPPER.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Objects merge key by key, recursively; anything else replaces what was there. */
    static void merge(ObjectNode target, String key, JsonNode value) {
        JsonNode existing = target.get(key);
        if (existing instanceof ObjectNode existingObject && value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                merge(existingObject, e.getKey(), e.getValue());
            }
        } else {
            target.set(key, value.deepCopy());
        }
    }

    /**
     * Claude Code puts a JSON document with device and session ids in {@code metadata.user_id};
     * providers only need a stable opaque id (OpenAI caps its length), so it is hashed.
     */
    static String hashedUser(String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
