package dev.claudia.router.fakeopenai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code contentEncoding} of a script entry: gzip and deflate (zlib) compress the body for real, as
 * a provider or a proxy in front of it might although the client asked for none; any other name
 * (br, zstd) only labels the body, which is all a client that refuses the encoding looks at.
 */
final class Encodings {

    private Encodings() {}

    static byte[] encode(String encoding, byte[] body) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream out = streaming(encoding, packed)) {
            out.write(body);
        }
        return packed.toByteArray();
    }

    /** A stream that compresses what is written, flushing whole pieces on flush (each SSE frame arrives on its own). */
    static OutputStream streaming(String encoding, OutputStream out) throws IOException {
        if (encoding == null) {
            return out;
        }
        return switch (encoding) {
            case "gzip" -> new GZIPOutputStream(out, true);
            case "deflate" -> new DeflaterOutputStream(out, new Deflater(), true);
            default -> out;
        };
    }
}
