package dev.claudia.router.provider.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Compressed answers. The router asks for none ({@code accept-encoding: identity}) and the JDK client
 * decompresses nothing by itself, but a provider or a proxy in front of it may compress anyway.
 * {@code gzip} and {@code deflate} are decoded here with the JDK's own inflater (a decoded body is
 * bounded like any other, so a zip bomb costs the size limit, not the heap); {@code br}, {@code zstd}
 * and anything else would need a native library for something that should not happen, so they are
 * refused with a clear error ({@link Upstream}).
 */
final class ContentEncodings {

    private ContentEncodings() {}

    /** True when the connector can decode this {@code content-encoding} value. */
    static boolean decodable(String encoding) {
        return switch (normalized(encoding)) {
            case "gzip", "x-gzip", "deflate" -> true;
            default -> false;
        };
    }

    static boolean identity(String encoding) {
        String e = normalized(encoding);
        return e.isEmpty() || e.equals("identity");
    }

    /** The decoded body; the decoder is created on the first read, so nothing blocks before the caller reads. */
    static InputStream decode(String encoding, InputStream body) {
        boolean gzip = !normalized(encoding).equals("deflate");
        return new FilterInputStream(body) {
            private InputStream decoded;

            private InputStream decoded() throws IOException {
                if (decoded == null) {
                    decoded = gzip ? new GZIPInputStream(in, 8192) : inflating(in);
                }
                return decoded;
            }

            @Override
            public int read() throws IOException {
                return decoded().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return decoded().read(b, off, len);
            }

            /**
             * Nothing is ever said to be ready without a read: an inflater cannot tell how much a read
             * would give without blocking, and readers ask {@code available()} precisely to avoid blocking.
             */
            @Override
            public int available() {
                return 0;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * HTTP's {@code deflate} is a zlib stream (RFC 9110), but some servers send raw deflate: a zlib
     * stream starts with a header whose first two bytes, read as a number, are a multiple of 31.
     */
    private static InputStream inflating(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 2);
        int first = peek.read();
        int second = first < 0 ? -1 : peek.read();
        if (second >= 0) {
            peek.unread(second);
        }
        if (first >= 0) {
            peek.unread(first);
        }
        boolean zlib = first >= 0 && second >= 0 && (first & 0x0f) == 8 && ((first << 8) | second) % 31 == 0;
        return new InflaterInputStream(peek, new Inflater(!zlib), 8192);
    }

    private static String normalized(String encoding) {
        return encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    }
}
