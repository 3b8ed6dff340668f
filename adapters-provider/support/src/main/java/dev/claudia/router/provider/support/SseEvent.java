package dev.claudia.router.provider.support;

import dev.claudia.router.domain.message.Verbatim;

/**
 * One server-sent event: its {@code event:} name (null when absent), its {@code data:} lines joined
 * by LF, and, from a {@link SseReader#keepingBytes} reader, the exact bytes it was read from (else null).
 */
public record SseEvent(String event, String data, Verbatim raw) {

    public SseEvent(String event, String data) {
        this(event, data, null);
    }
}
