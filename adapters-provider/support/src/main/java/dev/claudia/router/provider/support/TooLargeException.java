package dev.claudia.router.provider.support;

import java.io.IOException;

/**
 * A provider sent more than the router reads in one piece ({@code UpstreamLimits}): a whole answer,
 * or one line or event of a stream. Reported to the caller as the provider's fault, by name.
 */
public final class TooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public TooLargeException(String what, long limit) {
        super(what + " longer than " + size(limit));
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** {@code 8 MB}, {@code 64 KB} or {@code 100 bytes}. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }
}
