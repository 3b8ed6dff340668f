package com.acme.claudia.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.provider.support.WatchedBody;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The gateway's stream, one JSON object per line ({@code {"delta": "..."}}, then
 * {@code {"finish": "stop", "usage": {...}}}, or {@code {"error": {...}}}), as the router's events:
 * {@code message_start}, one text block opened at the first delta, {@code message_delta} and
 * {@code message_stop} at the finish line. A stream that ends without its finish line failed
 * (retryable: the router may try again while nothing reached the caller).
 */
final class GatewayStream implements EventStream {

    private final WatchedBody body;
    private final BufferedReader lines;
    private final ObjectMapper json;
    private final GatewayErrors errors;
    private final ProviderCall call;
    private final TokenCounter tokens;
    private final String backend;
    private final Deque<StreamEvent> pending = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private boolean started;
    private boolean blockOpen;
    private boolean finished;

    GatewayStream(WatchedBody body, ObjectMapper json, GatewayErrors errors, ProviderCall call, TokenCounter tokens,
                  String backend) {
        this.body = body;
        this.lines = new BufferedReader(new InputStreamReader(body.in(), StandardCharsets.UTF_8));
        this.json = json;
        this.errors = errors;
        this.call = call;
        this.tokens = tokens;
        this.backend = backend;
    }

    @Override
    public StreamEvent next() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        if (!started) {
            started = true;
            return new StreamEvent.MessageStarted(call.messageId(), call.route().alias(),
                    new Usage(call.promptTokens().getAsInt(), 0, 0, 0, 0, true));
        }
        while (!finished) {
            JsonNode line = readLine();
            if (line.has("error")) {
                throw failed(errors.inStream(line.get("error")));
            }
            if (line.path("delta").isTextual() && !line.get("delta").textValue().isEmpty()) {
                String delta = line.get("delta").textValue();
                text.append(delta);
                StreamEvent event = new StreamEvent.BlockDelta(0, new Delta.Text(delta));
                if (blockOpen) {
                    return event;
                }
                blockOpen = true;
                pending.add(event);
                return new StreamEvent.BlockStarted(0, new BlockStart.Text());
            }
            if (line.has("finish")) {
                finished = true;
                body.release();
                if (blockOpen) {
                    pending.add(new StreamEvent.BlockStopped(0));
                }
                pending.add(new StreamEvent.MessageDelta(GatewayProvider.stopReason(line.get("finish").asText()), null,
                        usage(line.get("usage"))));
                pending.add(new StreamEvent.MessageStopped());
                return pending.poll();
            }
            // any other line (a newer gateway's progress notes) carries nothing for the caller
        }
        return null;
    }

    private JsonNode readLine() {
        String line;
        try {
            do {
                line = lines.readLine();
            } while (line != null && line.isBlank());
        } catch (IOException e) {
            throw failed(body.lost(e));
        }
        if (line == null) {
            throw failed(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' ended its stream before the finish line"));
        }
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw failed(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' sent a stream line that is not JSON"));
        }
    }

    private Usage usage(JsonNode usage) {
        if (usage != null && usage.path("input").canConvertToInt() && usage.path("output").canConvertToInt()) {
            return Usage.of(usage.get("input").intValue(), usage.get("output").intValue());
        }
        return new Usage(call.promptTokens().getAsInt(), tokens.countText(text.toString()), 0, 0, 0, true);
    }

    private ProviderException failed(ProviderFailure failure) {
        finished = true;
        body.release();
        return new ProviderException(failure);
    }

    @Override
    public boolean ready() {
        return !pending.isEmpty() || !started;
    }

    @Override
    public void close() {
        body.close();
    }
}
