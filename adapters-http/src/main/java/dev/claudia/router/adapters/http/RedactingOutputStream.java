package dev.claudia.router.adapters.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes through with every occurrence of a secret replaced by a mask. Bytes pass straight on
 * except the tail of a write that could be the start of a secret: that tail waits for the next
 * write (so a secret split across two writes is still found) and is let out, masked where it holds
 * a whole secret, at the next flush or close. An event stream therefore keeps its timing: each
 * frame is written whole and flushed. Not thread-safe; writers of one response take turns.
 */
final class RedactingOutputStream extends OutputStream {

    private static final byte[] NOTHING = new byte[0];

    private final OutputStream out;
    private final byte[][] secrets;   // longest first
    private final byte[] mask;
    private final boolean[] starts = new boolean[256];
    private byte[] held = NOTHING;
    private boolean closed;

    RedactingOutputStream(OutputStream out, byte[][] secrets, byte[] mask) {
        this.out = out;
        this.secrets = secrets;
        this.mask = mask;
        for (byte[] secret : secrets) {
            starts[secret[0] & 0xff] = true;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (held.length == 0) {
            scan(b, off, off + len, true);
        } else {
            byte[] joined = Arrays.copyOf(held, held.length + len);
            System.arraycopy(b, off, joined, held.length, len);
            held = NOTHING;
            scan(joined, 0, joined.length, true);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            release();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            release();
            out.close();
        }
    }

    private void release() throws IOException {
        if (held.length > 0) {
            byte[] rest = held;
            held = NOTHING;
            scan(rest, 0, rest.length, false);
        }
    }

    /** Writes data[from, to) masked; with {@code mayHold}, keeps back a tail that may begin a secret. */
    private void scan(byte[] data, int from, int to, boolean mayHold) throws IOException {
        int emitted = from;
        int i = from;
        while (i < to) {
            if (!starts[data[i] & 0xff]) {
                i++;
                continue;
            }
            int match = match(data, i, to, mayHold);
            if (match > 0) {
                out.write(data, emitted, i - emitted);
                out.write(mask);
                i += match;
                emitted = i;
            } else if (match < 0) {
                out.write(data, emitted, i - emitted);
                held = Arrays.copyOfRange(data, i, to);
                return;
            } else {
                i++;
            }
        }
        if (to > emitted) {
            out.write(data, emitted, to - emitted);
        }
    }

    /**
     * The length of the secret that starts at {@code at}; 0 when none does; -1 when the bytes up to
     * {@code to} are the beginning of one and {@code mayHold}. Longer secrets are tried first, so a
     * secret that starts with a shorter one is never cut in two.
     */
    private int match(byte[] data, int at, int to, boolean mayHold) {
        for (byte[] secret : secrets) {
            int available = Math.min(secret.length, to - at);
            if (Arrays.equals(data, at, at + available, secret, 0, available)) {
                if (available == secret.length) {
                    return secret.length;
                }
                if (mayHold) {
                    return -1;
                }
            }
        }
        return 0;
    }
}
