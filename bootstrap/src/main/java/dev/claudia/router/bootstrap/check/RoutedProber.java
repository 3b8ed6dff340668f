package dev.claudia.router.bootstrap.check;

import dev.claudia.router.adapters.http.AnthropicWire;
import dev.claudia.router.application.RequestLog;
import dev.claudia.router.application.RequestTrace;
import dev.claudia.router.application.RouteMessage;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.provider.spi.ModelCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probes of one profile sent the way a client's requests go: each body is read by the HTTP
 * adapter's request reader (bytes kept for pass-through adapters), routed by the application's
 * {@link RouteMessage} to the profile's own route (one attempt, no fallbacks, so a failure is the
 * profile's own), translated by its adapter, and the answer written in Anthropic's wire format as
 * a client would receive it. Only the socket is missing. Each probe writes the usual request log line.
 */
public final class RoutedProber implements Prober {

    private final String alias;
    private final String backend;
    private final ChatProvider provider;
    private final RouteMessage route;
    private final RequestLog log;
    private final IdGenerator ids;
    private final Lists lists;

    public RoutedProber(String alias, String backend, ChatProvider provider, RouteMessage route, RequestLog log,
                        IdGenerator ids, Lists lists) {
        this.alias = alias;
        this.backend = backend;
        this.provider = provider;
        this.route = route;
        this.log = log;
        this.ids = ids;
        this.lists = lists;
    }

    /** Model lists by backend: profiles of one backend share one request. Thread-safe. */
    public static final class Lists {
        private final Map<String, ModelList> byBackend = new ConcurrentHashMap<>();

        ModelList of(String backend, ModelCatalog catalog) {
            return byBackend.computeIfAbsent(backend, b -> {
                long start = System.nanoTime();
                try {
                    return new ModelList(catalog.models(), null, millis(start));
                } catch (ProviderException e) {
                    return new ModelList(null, e.failure(), millis(start));
                }
            });
        }
    }

    @Override
    public Optional<ModelList> models() {
        return provider instanceof ModelCatalog catalog ? Optional.of(lists.of(backend, catalog)) : Optional.empty();
    }

    @Override
    public Outcome send(Probe probe) {
        RequestTrace trace = log.start(ids.requestId(), "check " + probe.name().toLowerCase(Locale.ROOT));
        long start = System.nanoTime();
        try {
            MessageRequest request = AnthropicWire.request(probe.body(alias),
                    Map.of("anthropic-version", Probe.ANTHROPIC_VERSION), trace);
            Answer answer = probe.stream() ? stream(request, trace)
                    : Answer.ofJson(AnthropicWire.response(route.complete(request, trace)));
            trace.finish(200, null);
            return Outcome.answered(answer, millis(start), trace.dropped());
        } catch (ProviderException e) {
            ProviderFailure failure = e.failure();
            trace.finish(failure.upstreamStatus() > 0 ? failure.upstreamStatus() : 502,
                    failure.kind().name().toLowerCase(Locale.ROOT));
            return Outcome.failed(failure, millis(start), trace.dropped());
        } catch (IllegalArgumentException unreadable) {
            trace.finish(502, "malformed_response");
            return Outcome.failed(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "the answer of backend '"
                    + backend + "' could not be read: " + unreadable.getMessage()), millis(start), trace.dropped());
        }
    }

    /** The stream's frames as a client receives them; a stream that breaks is the probe's failure. */
    private Answer stream(MessageRequest request, RequestTrace trace) {
        List<byte[]> frames = new ArrayList<>();
        try (EventStream events = route.stream(request, trace)) {
            for (StreamEvent event = events.next(); event != null; event = events.next()) {
                if (event instanceof StreamEvent.StreamFailed failed) {
                    throw new ProviderException(failed.failure());
                }
                frames.add(AnthropicWire.event(event, trace.requestId()));
            }
        }
        return Answer.ofFrames(frames);
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
