package com.acme.claudia.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.provider.support.JsonMerge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The domain request as the gateway's body: {@code {"model", "system", "turns": [{"role", "text"}],
 * "maxTokens", "temperature", "stop", "stream"}}, then the profile's {@code extraBody} merged in.
 * The gateway takes text only: what it cannot take (tools, images, documents, thinking) is left out
 * and reported through the call's warnings, never dropped silently; tool calls and results in the
 * history become text, so the model still sees what happened.
 */
final class GatewayRequests {

    private GatewayRequests() {}

    static byte[] body(ProviderCall call, boolean stream, ObjectMapper json) {
        MessageRequest request = call.request();
        Consumer<Warning> warnings = call.warnings();
        ObjectNode body = json.createObjectNode().put("model", call.route().providerModel());
        StringBuilder system = new StringBuilder();
        request.system().forEach(block -> system.append(system.isEmpty() ? "" : "\n\n").append(block.text()));
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        ArrayNode turns = body.putArray("turns");
        for (Message message : request.messages()) {
            String text = text(message, warnings);
            if (!text.isEmpty()) {
                turns.addObject().put("role", message.role() == Role.ASSISTANT ? "assistant" : "user").put("text", text);
            }
        }
        body.put("maxTokens", request.maxTokens());
        if (request.sampling().temperature() != null) {
            body.put("temperature", request.sampling().temperature());
        }
        if (!request.stopSequences().isEmpty()) {
            request.stopSequences().forEach(body.putArray("stop")::add);
        }
        body.put("stream", stream);
        if (!request.tools().isEmpty()) {
            warnings.accept(new Warning("tools", "the Acme gateway has no tool calling"));
        }
        if (request.wantsThinking()) {
            warnings.accept(new Warning("thinking", "the Acme gateway has no reasoning mode"));
        }
        try {
            JsonNode extra = json.readTree(call.route().extraBody().text());
            extra.properties().forEach(e -> JsonMerge.merge(body, e.getKey(), e.getValue()));
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A turn's text; a mid-conversation system message counts as the user's. */
    private static String text(Message message, Consumer<Warning> warnings) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : message.content()) {
            String part = switch (block) {
                case ContentBlock.Text t -> t.text();
                case ContentBlock.ToolUse t -> "[called tool " + t.name() + " with " + t.input().text() + "]";
                case ContentBlock.ToolResult r -> "[tool result" + (r.isError() ? " (error)" : "") + ": "
                        + r.content().stream().filter(ContentBlock.Text.class::isInstance)
                        .map(c -> ((ContentBlock.Text) c).text()).reduce((a, b) -> a + "\n" + b).orElse("") + "]";
                case ContentBlock.Image i -> dropped(warnings, "images");
                case ContentBlock.Document d -> dropped(warnings, "documents");
                // Earlier thinking is the model's scratch work, and a tool reference only loads a
                // deferred tool: neither is conversation the gateway's model needs to read.
                case ContentBlock.Thinking t -> "";
                case ContentBlock.RedactedThinking r -> "";
                case ContentBlock.ToolReference r -> "";
            };
            if (!part.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append(part);
            }
        }
        return text.toString();
    }

    private static String dropped(Consumer<Warning> warnings, String what) {
        warnings.accept(new Warning(what, "the Acme gateway takes text only"));
        return "";
    }
}
