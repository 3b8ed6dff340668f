package dev.claudia.router.adapters.http;

import java.io.IOException;

/** A write to a client was ended by the {@link WriteWatchdog} because the client stopped reading. */
public final class ClientStalledException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientStalledException(String message) {
        super(message);
    }
}
