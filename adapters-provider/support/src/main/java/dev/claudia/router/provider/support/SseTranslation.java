package dev.claudia.router.provider.support;

import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.StreamEvent;

import java.util.List;

/**
 * The state machine of one translated stream, as {@link TranslatedEventStream} drives it: one
 * instance per request, fed the provider's server-sent events in order, appending the domain events
 * each one makes. Lifecycle: {@link #start()}, then {@link #onEvent} per event, then {@link #onEnd}
 * (or {@link #fail}); once {@link #ended()}, nothing more is asked of it.
 */
public interface SseTranslation {

    /** The opening event, made before anything is read (it may carry an estimate of the prompt). */
    StreamEvent start();

    /** One server-sent event of the provider's. */
    void onEvent(SseEvent event, List<StreamEvent> out);

    /** The provider closed the stream. */
    void onEnd(List<StreamEvent> out);

    /** The connection broke, or the translation itself failed: end with this failure. */
    void fail(List<StreamEvent> out, ProviderFailure failure);

    /** True once the final events or a failure were produced. */
    boolean ended();
}
