package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.provider.support.JsonMerge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The caller's request body as the upstream gets it: the same JSON with a few top-level fields
 * set ({@code model}, {@code stream}), {@code max_tokens} clamped, and the profile's
 * {@code extraBody} deep-merged last. Everything else is copied token by token, without building a
 * tree of the conversation (a Claude Code request is 80-240 KB); only the fields being merged
 * become trees.
 */
final class RequestRewriter {

    private final ObjectMapper json;

    RequestRewriter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param set            top-level fields to set, whatever the caller sent
     * @param maxTokensClamp the largest {@code max_tokens} to send; 0 for no clamp
     * @param extraBody      merged in last (may be empty)
     */
    byte[] rewrite(Verbatim original, Map<String, JsonNode> set, int maxTokensClamp, ObjectNode extraBody)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length() + 256);
        Set<String> written = new HashSet<>();
        try (JsonParser in = json.createParser(original.open()); JsonGenerator gen = json.createGenerator(out)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the request body is not a JSON object");
            }
            gen.writeStartObject();
            for (JsonToken t = in.nextToken(); t == JsonToken.FIELD_NAME; t = in.nextToken()) {
                String name = in.currentName();
                in.nextToken();
                written.add(name);
                gen.writeFieldName(name);
                if (set.containsKey(name)) {
                    in.skipChildren();
                    gen.writeTree(extraBody.has(name) ? JsonMerge.merged(set.get(name), extraBody.get(name)) : set.get(name));
                } else if (extraBody.has(name)) {
                    gen.writeTree(JsonMerge.merged(in.readValueAsTree(), extraBody.get(name)));
                } else if (name.equals("max_tokens") && maxTokensClamp > 0 && in.currentToken().isNumeric()
                        && in.getLongValue() > maxTokensClamp) {
                    gen.writeNumber(maxTokensClamp);
                } else {
                    gen.copyCurrentStructure(in);
                }
            }
            for (Map.Entry<String, JsonNode> field : set.entrySet()) {
                if (written.add(field.getKey())) {
                    gen.writeFieldName(field.getKey());
                    JsonNode extra = extraBody.get(field.getKey());
                    gen.writeTree(extra == null ? field.getValue() : JsonMerge.merged(field.getValue(), extra));
                }
            }
            for (Map.Entry<String, JsonNode> field : extraBody.properties()) {
                if (written.add(field.getKey())) {
                    gen.writeFieldName(field.getKey());
                    gen.writeTree(field.getValue());
                }
            }
            gen.writeEndObject();
        }
        return out.toByteArray();
    }
}
