package dev.claudia.router.domain.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Bytes in the client's own wire format (Anthropic's), kept exactly as they came, with the few
 * HTTP headers that belong with them: the client's request body and its {@code anthropic-version}
 * and {@code anthropic-beta} (for adapters that forward the request rather than translate it), and
 * a provider's answer, stream event or error body (written to the client unchanged).
 *
 * <p>The domain never looks inside. The array is taken over, not copied (a Claude Code request is
 * 80-240 KB, and translating adapters never read it): whoever wraps it must not change it
 * afterwards, and nothing here hands it out. {@link #toString()} shows the size only, never the
 * content, which can be a prompt.
 */
public final class Verbatim {

    private final byte[] bytes;
    private final Map<String, String> headers;

    private Verbatim(byte[] bytes, Map<String, String> headers) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), Objects.requireNonNull(value)));
        this.headers = Map.copyOf(lower);
    }

    /** Wraps {@code bytes} without copying them; the caller must not change the array afterwards. */
    public static Verbatim wrap(byte[] bytes) {
        return new Verbatim(bytes, Map.of());
    }

    /** With headers (names are kept in lower case). */
    public static Verbatim wrap(byte[] bytes, Map<String, String> headers) {
        return new Verbatim(bytes, headers);
    }

    public static Verbatim of(String text) {
        return new Verbatim(text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public int length() {
        return bytes.length;
    }

    /** Reads the bytes without copying them. */
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes as UTF-8 text. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Lower-case header names to values. */
    public Map<String, String> headers() {
        return headers;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Verbatim v && Arrays.equals(bytes, v.bytes) && headers.equals(v.headers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + headers.hashCode();
    }

    @Override
    public String toString() {
        return "Verbatim[" + bytes.length + " bytes, headers=" + headers.keySet() + "]";
    }
}
