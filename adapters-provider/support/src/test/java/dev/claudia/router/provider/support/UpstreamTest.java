package dev.claudia.router.provider.support;

import com.sun.net.httpserver.HttpExchange;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.provider.spi.UpstreamLimits;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits every provider is held to, through {@link Upstream} and the JDK connector. */
class UpstreamTest {

    private static final UpstreamLimits SMALL = new UpstreamLimits(1000, 100, 256, 10_000, Duration.ofSeconds(30));

    private LocalServer server;
    private LocalServer elsewhere;
    private Upstream upstream;

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
        for (LocalServer s : new LocalServer[] {server, elsewhere}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private Upstream upstream(LocalServer.Handler handler) throws IOException {
        server = new LocalServer(handler);
        upstream = new Upstream("nim", server.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), SMALL);
        return upstream;
    }

    private Response post(byte[] body) {
        return upstream.post(upstream.target("chat/completions").request(), body);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Test
    void a_redirect_is_an_error_naming_the_backend_and_the_prompt_goes_nowhere_else() throws IOException {
        elsewhere = new LocalServer(exchange -> answer(exchange, 200, "{}".getBytes()));
        String target = elsewhere.baseUrl() + "/chat/completions?token=secret-in-query";
        upstream(exchange -> answer(exchange, 307, new byte[0], "Location", target));
        ProviderException e = assertThrows(ProviderException.class, () -> post("{\"prompt\":1}".getBytes()));
        assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
        assertEquals(307, e.failure().upstreamStatus());
        String message = e.failure().message();
        assertTrue(message.contains("backend 'nim'") && message.contains("redirect (HTTP 307 to http://127.0.0.1:")
                && message.contains("never follows") && message.contains("backends.nim.baseUrl"), message);
        assertTrue(!message.contains("secret-in-query"), "the location's query is not shown: " + message);
        assertEquals(1, server.received.size());
        assertEquals(0, elsewhere.received.size(), "the prompt was not re-sent to the redirect's target");
    }

    @Test
    void a_posted_body_arrives_as_given_with_its_json_content_type() throws IOException {
        upstream(exchange -> answer(exchange, 200, "{}".getBytes()));
        byte[] body = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        try (Response r = post(body)) {
            upstream.readWhole(r);
        }
        LocalServer.Received received = server.received.getFirst();
        assertEquals(body.length, received.bodyLength());
        assertEquals(java.util.List.of("application/json"), received.headers().get("Content-type"));
        assertEquals(java.util.List.of(String.valueOf(body.length)), received.headers().get("Content-length"));
        assertEquals(java.util.List.of("Jersey/" + org.glassfish.jersey.internal.Version.getVersion() + " (JDK HttpClient)"),
                received.headers().get("User-agent"), "one User-Agent, the one Jersey itself would send");
    }

    @Test
    void asks_for_uncompressed_answers() throws IOException {
        upstream(exchange -> answer(exchange, 200, "{}".getBytes()));
        try (Response r = post("{}".getBytes())) {
            upstream.readWhole(r);
        }
        assertEquals(java.util.List.of("identity"), server.received.getFirst().headers().get("Accept-encoding"));
    }

    @Test
    void a_whole_answer_is_read_up_to_the_bound_and_refused_beyond_it() throws IOException {
        byte[] fits = "x".repeat(1000).getBytes();
        upstream(exchange -> answer(exchange, 200, fits));
        try (Response r = post("{}".getBytes())) {
            assertArrayEquals(fits, upstream.readWhole(r));
        }
        server.handler = exchange -> answer(exchange, 200, "x".repeat(5000).getBytes());
        try (Response r = post("{}".getBytes())) {
            ProviderException e = assertThrows(ProviderException.class, () -> upstream.readWhole(r));
            assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
            assertEquals("backend 'nim' sent an answer longer than 1000 bytes (upstream.maxAnswerBytes); it was cut off",
                    e.failure().message());
        }
    }

    @Test
    void of_an_error_body_only_the_start_is_read_whatever_its_size() throws IOException {
        upstream(exchange -> {
            exchange.sendResponseHeaders(502, 0); // chunked, endless as far as the client knows
            OutputStream out = exchange.getResponseBody();
            byte[] page = "<html>bad gateway</html>".repeat(400).getBytes();
            for (int i = 0; i < 100; i++) {
                out.write(page);
            }
        });
        try (Response r = post("{}".getBytes())) {
            byte[] start = upstream.readBody(r);
            assertEquals(100, start.length);
            assertTrue(new String(start, StandardCharsets.UTF_8).startsWith("<html>bad gateway</html>"));
        }
    }

    @Test
    void gzip_and_deflate_answers_are_decoded_zlib_or_raw() throws IOException {
        byte[] json = "{\"choices\":[]}".getBytes();
        upstream(exchange -> { });
        for (String encoding : new String[] {"gzip", "deflate", "raw-deflate"}) {
            byte[] packed = compress(json, encoding);
            String header = encoding.equals("raw-deflate") ? "deflate" : encoding;
            server.handler = exchange -> answer(exchange, 200, packed, "Content-Encoding", header,
                    "Content-Type", "application/json");
            try (Response r = post("{}".getBytes())) {
                assertNull(r.getHeaderString("Content-Encoding"), encoding);
                assertArrayEquals(json, upstream.readWhole(r), encoding);
            }
        }
    }

    @Test
    void a_decoded_answer_is_bounded_like_any_other() throws IOException {
        byte[] bomb = compress(new byte[1_000_000], "gzip"); // a kilobyte on the wire, a megabyte decoded
        upstream(exchange -> answer(exchange, 200, bomb, "Content-Encoding", "gzip"));
        try (Response r = post("{}".getBytes())) {
            ProviderException e = assertThrows(ProviderException.class, () -> upstream.readWhole(r));
            assertTrue(e.failure().message().contains("longer than 1000 bytes"), e.failure().message());
        }
    }

    @Test
    void brotli_zstd_and_unknown_encodings_are_refused_clearly() throws IOException {
        upstream(exchange -> { });
        for (String encoding : new String[] {"br", "zstd", "compress"}) {
            server.handler = exchange -> answer(exchange, 200, new byte[] {1, 2, 3}, "Content-Encoding", encoding);
            ProviderException e = assertThrows(ProviderException.class, () -> post("{}".getBytes()));
            assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
            assertEquals("backend 'nim' sent a compressed answer (content-encoding: " + encoding + ") although the "
                    + "router asked for none; it reads gzip and deflate only", e.failure().message());
        }
    }

    @Test
    void an_idle_pooled_connection_does_not_keep_the_last_request_body() throws Exception {
        upstream(exchange -> answer(exchange, 200, "{}".getBytes()));
        Upstream big = new Upstream("nim", server.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5),
                UpstreamLimits.DEFAULT);
        try {
            WeakReference<byte[]> sent = sendAndForget(big);
            for (int i = 0; i < 20 && sent.get() != null; i++) {
                System.gc();
                Thread.sleep(50);
            }
            assertTrue(sent.get() == null, "the body of a finished request is garbage while its connection waits in the pool");
        } finally {
            big.close();
        }
    }

    private static WeakReference<byte[]> sendAndForget(Upstream up) {
        byte[] body = new byte[4 << 20];
        try (Response r = up.post(up.target("chat/completions").request(), body)) {
            up.readWhole(r);
        }
        return new WeakReference<>(body);
    }

    private static byte[] compress(byte[] data, String how) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = switch (how) {
            case "gzip" -> new GZIPOutputStream(out);
            case "deflate" -> new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, false));
            default -> new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true));
        }) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
