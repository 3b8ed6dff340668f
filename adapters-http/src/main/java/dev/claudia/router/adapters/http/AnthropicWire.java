package dev.claudia.router.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.http.mapping.JsonInput;
import dev.claudia.router.adapters.http.mapping.RequestReader;
import dev.claudia.router.adapters.http.mapping.ResponseWriter;
import dev.claudia.router.adapters.http.sse.SseFrames;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.stream.StreamEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Anthropic wire format without the HTTP server, for callers in this process that must send
 * and see exactly what an HTTP client would ({@code claudia check}): a request body read into the
 * domain the way {@link MessagesResource} reads one (with the bytes kept as the request's
 * {@code original}, for pass-through adapters), and answers and stream events written the way it
 * writes them.
 */
public final class AnthropicWire {

    private static final SseFrames FRAMES = new SseFrames(Json.MAPPER);

    private AnthropicWire() {}

    /**
     * @param headers the request's {@code anthropic-version} and {@code anthropic-beta}, as a client sends them
     * @throws IllegalArgumentException when the body is not a valid Messages request (the 400 a client would get)
     */
    public static MessageRequest request(byte[] body, Map<String, String> headers, Consumer<Warning> warnings) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        String beta = headers.getOrDefault("anthropic-beta", "");
        Set<String> betas = Arrays.stream(beta.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        try {
            return RequestReader.read(JsonInput.root(json), betas, false, warnings).withOriginal(Verbatim.wrap(body, headers));
        } catch (RuntimeException invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
    }

    /** A whole answer's body, as {@code POST /v1/messages} answers it. */
    public static byte[] response(MessageResponse answer) {
        if (answer.verbatim() != null) {
            return answer.verbatim().toByteArray();
        }
        try {
            return Json.MAPPER.writeValueAsBytes(ResponseWriter.toBody(answer));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event's server-sent frame, as a stream sends it; {@code requestId} goes into error frames. */
    public static byte[] event(StreamEvent event, String requestId) {
        return FRAMES.encode(event, requestId);
    }
}
