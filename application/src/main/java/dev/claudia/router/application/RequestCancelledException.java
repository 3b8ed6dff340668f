package dev.claudia.router.application;

/**
 * A request stopped before its answer because its client left or the router is shutting down
 * ({@link Cancellation}). No further provider call is made for it.
 */
public final class RequestCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Cancellation.Reason reason;

    public RequestCancelledException(Cancellation.Reason reason) {
        super(reason == Cancellation.Reason.SHUTDOWN ? "Claudia Router is shutting down; retry shortly"
                : "the client went away", null, false, false);
        this.reason = reason;
    }

    public Cancellation.Reason reason() {
        return reason;
    }
}
