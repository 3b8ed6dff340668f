package dev.claudia.router.application;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.routing.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What happened to one request, gathered as it goes and written as one log line at the end
 * ({@link RequestLog}). The request thread fills it; the keep-alive thread only reads it, so the
 * few fields both touch are guarded by the instance lock.
 */
public final class RequestTrace implements Consumer<Warning> {

    private final RequestLog log;
    private final String requestId;
    private final String endpoint;
    private final long startNanos;
    private final Cancellation cancellation = new Cancellation();
    private MessageRequest request;
    private String rule = "-";
    private Route route;
    private int attempts;
    private final List<String> failures = new ArrayList<>();
    static final int MAX_DROPPED = 32;
    /** What was dropped, by field, with the first reason given; at most {@value #MAX_DROPPED} fields. */
    private final Map<String, String> dropped = new LinkedHashMap<>();
    private int droppedBeyond;
    private Usage usage;
    private StopReason stopReason;
    private long firstEventNanos;
    private int status;
    private String errorType;
    private boolean finished;
    private boolean deferred;

    RequestTrace(RequestLog log, String requestId, String endpoint, long startNanos) {
        this.log = log;
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.startNanos = startNanos;
    }

    public String requestId() {
        return requestId;
    }

    /** How this request is stopped early (its client left, the router stops). */
    public Cancellation cancellation() {
        return cancellation;
    }

    public synchronized void request(MessageRequest value) {
        this.request = value;
    }

    synchronized void routedBy(String value) {
        this.rule = value;
    }

    synchronized void attemptStarted(Route value) {
        this.route = value;
        this.attempts++;
    }

    synchronized void attemptFailed(Route failedRoute, ProviderFailure failure) {
        failures.add(failedRoute.backend() + ":" + failure.kind().name().toLowerCase(java.util.Locale.ROOT)
                + (failure.upstreamStatus() > 0 ? "(" + failure.upstreamStatus() + ")" : ""));
    }

    /**
     * A part of the request that could not be carried to the provider. The line lists at most
     * {@value #MAX_DROPPED} kinds (field names are the client's to choose), then how many more.
     */
    @Override
    public void accept(Warning warning) {
        boolean first;
        synchronized (this) {
            first = !dropped.containsKey(warning.field());
            if (first && dropped.size() < MAX_DROPPED) {
                dropped.put(warning.field(), warning.reason());
            } else if (first) {
                droppedBeyond++;
            }
        }
        if (first) {
            log.firstDrop(warning);
        }
    }

    /** The fields dropped so far, each with the first reason an adapter gave ({@code claudia check} words its verdicts with them). */
    public synchronized Map<String, String> dropped() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    }

    public synchronized void usage(Usage value, StopReason reason) {
        this.usage = value;
        this.stopReason = reason;
    }

    /** The first content reached the caller (streams): the latency users feel. */
    public synchronized void firstEvent(long nanoTime) {
        if (firstEventNanos == 0) {
            firstEventNanos = nanoTime;
        }
    }

    /**
     * Marks a request whose answer is still being written after its handler returned (a stream):
     * whoever writes it calls {@link #finish} at the end, not the response filter.
     */
    public synchronized void deferFinish() {
        deferred = true;
    }

    public synchronized boolean deferred() {
        return deferred;
    }

    /** Ends the request and writes its log line; later calls do nothing. */
    public void finish(int httpStatus, String anthropicErrorType) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            this.status = httpStatus;
            this.errorType = anthropicErrorType;
        }
        log.write(this);
    }

    // --- read by RequestLog -------------------------------------------------------------------

    synchronized Snapshot snapshot(long nowNanos) {
        return new Snapshot(requestId, endpoint, request, rule, route, attempts, List.copyOf(failures),
                droppedList(), usage, stopReason, (nowNanos - startNanos) / 1_000_000,
                firstEventNanos == 0 ? -1 : (firstEventNanos - startNanos) / 1_000_000, status, errorType);
    }

    private List<String> droppedList() {
        if (droppedBeyond == 0) {
            return List.copyOf(dropped.keySet());
        }
        List<String> list = new ArrayList<>(dropped.keySet());
        list.add("(+" + droppedBeyond + " more)");
        return List.copyOf(list);
    }

    record Snapshot(String requestId, String endpoint, MessageRequest request, String rule, Route route,
                    int attempts, List<String> failures, List<String> dropped, Usage usage, StopReason stopReason,
                    long latencyMillis, long firstEventMillis, int status, String errorType) {}
}
