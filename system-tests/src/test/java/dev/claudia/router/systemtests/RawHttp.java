package dev.claudia.router.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw socket client, for what HTTP clients refuse to send: absurd or lying lengths, bytes a second,
 * thousands of headers, invalid UTF-8. Reads one answer: the status line, the headers and
 * {@code Content-Length} bytes of body (or the rest until the server closes).
 */
public final class RawHttp {

    /**
     * One answer. {@code status} is -1 when the server closed the connection without answering;
     * {@code closed} tells whether it closed the connection right after answering (asked only of
     * {@link #trickle}s that say so: it costs a short wait on connections kept alive).
     */
    public record Answer(int status, Map<String, String> headers, String body, boolean closed, long millis) {
        public JsonNode json() {
            try {
                return RouterUnderTest.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body)
                    + (closed ? " (closed)" : "") + " after " + millis + " ms";
        }
    }

    private RawHttp() {}

    /** Sends the bytes at once and reads the answer, waiting at most {@code timeoutMillis}. */
    public static Answer send(int port, byte[] request, long timeoutMillis) throws IOException {
        return trickle(port, request, request.length, 0, timeoutMillis, false);
    }

    /**
     * Sends the first {@code fast} bytes at once, then the rest one byte every {@code perByteMillis}
     * (until the server stops taking them), and reads the answer.
     */
    public static Answer trickle(int port, byte[] request, int fast, long perByteMillis, long timeoutMillis,
                                 boolean askClosed) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request, 0, Math.min(fast, request.length));
                out.flush();
                for (int i = fast; i < request.length; i++) {
                    sleep(perByteMillis);
                    out.write(request[i]);
                    out.flush();
                }
            } catch (IOException cutOff) {
                // the server closed the connection while we were sending: read what it said, if anything
            }
            long left = Math.max(1, timeoutMillis - (System.nanoTime() - start) / 1_000_000);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            Answer answer = read(socket, start, askClosed);
            dev.claudia.router.systemtests.secrets.Recorder.response("raw answer on port " + port,
                    answer.status() + " " + answer.headers() + "\n" + answer.body());
            return answer;
        }
    }

    private static Answer read(Socket socket, long start, boolean askClosed) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return closedWith(head, start);
                }
                head.write(c);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return closedWith(head, start);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body;
        boolean closed;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            socket.setSoTimeout(300);
            closed = askClosed && closesSoon(in);
        } else {
            body = readToEnd(in);
            closed = true;
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), closed, millis(start));
    }

    private static Answer closedWith(ByteArrayOutputStream partial, long start) {
        return new Answer(-1, Map.of(), partial.toString(StandardCharsets.ISO_8859_1), true, millis(start));
    }

    /** True when the server closes the connection within a short while after its answer. */
    private static boolean closesSoon(InputStream in) {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return !(e instanceof SocketTimeoutException);
        }
    }

    private static byte[] readToEnd(InputStream in) {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                rest.write(buffer, 0, n);
            }
        } catch (IOException timeoutOrReset) {
            // what arrived is the answer
        }
        return rest.toByteArray();
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request with these headers (one per line, without CRLF) and this body, with a correct Content-Length. */
    public static byte[] post(String path, String headers, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (headers.isEmpty() ? "" : headers + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return concat(head, body);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
