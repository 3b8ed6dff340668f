package dev.claudia.router.adapters.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response stream whose every write, flush and close (the close writes the last chunk, and for
 * JSON answers it is where the bytes reach the socket) runs under a {@link WriteWatchdog.Guard}.
 */
final class WatchedOutputStream extends OutputStream {

    private final OutputStream out;
    private final WriteWatchdog.Guard guard;
    private boolean closed;

    WatchedOutputStream(OutputStream out, WriteWatchdog.Guard guard) {
        this.out = out;
        this.guard = guard;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        watched(() -> out.write(b, off, len));
    }

    /** Nothing after close: Jersey flushes the stream it was given once more when it closes the response. */
    @Override
    public void flush() throws IOException {
        if (!closed) {
            watched(out::flush);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            watched(out::close);
        } finally {
            guard.release();
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private void watched(Io io) throws IOException {
        guard.begin();
        try {
            io.run();
        } catch (IOException e) {
            throw guard.failure(e);
        } finally {
            guard.end();
        }
    }
}
