package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded.Kind;
import dev.claudia.router.provider.support.SseEvent;
import dev.claudia.router.provider.support.SseReader;
import dev.claudia.router.provider.support.WatchedBody;

import java.io.IOException;

/**
 * An Anthropic-format upstream's stream, passed on event by event: each server-sent event becomes
 * a {@link Forwarded} event carrying its exact bytes. The router reads only the event name, and
 * parses the JSON of just two events ({@code message_start} and {@code message_delta}, for the
 * usage and stop reason of the log line); deltas, whatever their type, are never parsed.
 *
 * <p>States: before {@code message_stop} (events flow), ended (after {@code message_stop}, an
 * {@code error} event, or a failure). An upstream {@code event: error} becomes a
 * {@link StreamEvent.StreamFailed} carrying the upstream's error JSON, so the application can still
 * retry before the commit, and the caller gets that JSON after it. A stream that ends without
 * {@code message_stop} is a failure too.
 */
final class AnthropicEventStream implements EventStream {

    private final WatchedBody body;
    private final SseReader reader;
    private final ObjectMapper json;
    private final AnthropicErrors errors;
    private final String backend;
    private Usage usage = Usage.ZERO;
    private StreamEvent buffered;
    private boolean ended;

    AnthropicEventStream(WatchedBody body, ObjectMapper json, AnthropicErrors errors, String backend) {
        this.body = body;
        this.reader = body.eventsKeepingBytes();
        this.json = json;
        this.errors = errors;
        this.backend = backend;
    }

    @Override
    public StreamEvent next() {
        if (buffered != null) {
            StreamEvent event = buffered;
            buffered = null;
            return event;
        }
        if (ended || body.closed()) {
            body.release();
            return null;
        }
        try {
            return translate(reader.next());
        } catch (IOException e) {
            return body.closed() ? null : failed(body.lost(e));
        }
    }

    /** An event is ready when its bytes are already here: the writer may then hold its flush. */
    @Override
    public boolean ready() {
        if (buffered != null || ended || body.closed()) {
            return true;
        }
        try {
            if (reader.atEnd()) {
                return true;
            }
            SseEvent event = reader.nextBuffered();
            if (event == null) {
                return false;
            }
            buffered = translate(event);
        } catch (IOException | RuntimeException e) {
            return true; // next() meets the same failure and reports it
        }
        return true;
    }

    @Override
    public void close() {
        body.close();
    }

    private StreamEvent translate(SseEvent event) {
        if (event == null) {
            return failed(ProviderFailure.of(FailureKind.UNREACHABLE, backend, "backend '" + backend
                    + "' ended the stream before message_stop"));
        }
        String name = event.event() != null ? event.event() : typeOf(event.data());
        return switch (name) {
            case "message_start" -> {
                JsonNode message = parse(event.data()).path("message");
                usage = Summaries.usage(message.get("usage"), Usage.ZERO);
                yield new Forwarded(event.raw(), Kind.MESSAGE_START, usage, null);
            }
            case "content_block_start" -> Forwarded.of(event.raw(), Kind.BLOCK_START);
            case "content_block_delta" -> Forwarded.of(event.raw(), Kind.BLOCK_DELTA);
            case "content_block_stop" -> Forwarded.of(event.raw(), Kind.BLOCK_STOP);
            case "ping" -> Forwarded.of(event.raw(), Kind.PING);
            case "message_delta" -> {
                JsonNode delta = parse(event.data());
                usage = Summaries.usage(delta.get("usage"), usage);
                yield new Forwarded(event.raw(), Kind.MESSAGE_DELTA, usage,
                        Summaries.stopReason(delta.path("delta").get("stop_reason")));
            }
            case "message_stop" -> {
                ended = true;
                body.release(); // the answer is complete: give the connection back now
                yield Forwarded.of(event.raw(), Kind.MESSAGE_STOP);
            }
            case "error" -> failed(errors.fromEvent(event.data()));
            default -> Forwarded.of(event.raw(), Kind.OTHER);
        };
    }

    private StreamEvent failed(ProviderFailure failure) {
        ended = true;
        body.release();
        return new StreamEvent.StreamFailed(failure);
    }

    /** Only for events without an {@code event:} line (Anthropic always sends one). */
    private String typeOf(String data) {
        return parse(data).path("type").asText("");
    }

    /** The JSON of the events the router reads; one it cannot read is passed on without a summary. */
    private JsonNode parse(String data) {
        try {
            JsonNode node = json.readTree(data);
            return node == null ? json.missingNode() : node;
        } catch (IOException e) {
            return json.missingNode();
        }
    }
}
