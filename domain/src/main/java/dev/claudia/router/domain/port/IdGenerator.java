package dev.claudia.router.domain.port;

/** Makes the ids the router hands out. Injected, so tests can use predictable ones. */
public interface IdGenerator {

    /** A message id, {@code msg_} followed by base62 characters. */
    String messageId();

    /** A tool call id, {@code toolu_} followed by base62 characters. */
    String toolUseId();

    /** A request id for logs and error bodies, {@code req_} followed by base62 characters. */
    String requestId();
}
