package dev.claudia.router.adapters.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    private static final String KEY = "nvapi-SECRET-0123456789";
    private final Redactor redactor = Redactor.of(List.of(KEY, "sk-other-secret-99", "short"));

    /** Records what reached the socket at each flush. */
    private static final class Sink extends ByteArrayOutputStream {
        final List<String> flushed = new ArrayList<>();

        @Override
        public void flush() {
            flushed.add(toString(StandardCharsets.UTF_8));
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void masks_every_secret_in_text_and_leaves_short_values_alone() {
        assertEquals("key [REDACTED] and [REDACTED], short stays",
                redactor.redact("key " + KEY + " and sk-other-secret-99, short stays"));
        assertEquals(2, redactor.size());
        assertTrue(Redactor.of(List.of("", " ", "tiny")).isEmpty());
        assertEquals("Redactor[2 secrets]", redactor.toString(), "never the values");
    }

    @Test
    void a_secret_split_across_writes_is_still_masked_and_nothing_is_held_past_a_flush() throws IOException {
        Sink sink = new Sink();
        OutputStream out = redactor.wrap(sink);
        write(out, "data: {\"message\":\"bad key nvapi-SEC");
        assertEquals("data: {\"message\":\"bad key ", sink.toString(StandardCharsets.UTF_8), "the possible start waits");
        write(out, "RET-0123456789\"}\n\n");
        out.flush();
        assertEquals("data: {\"message\":\"bad key [REDACTED]\"}\n\n", sink.flushed.getLast());

        write(out, "ends with nvapi");
        out.flush();
        assertTrue(sink.flushed.getLast().endsWith("ends with nvapi"), "a flush lets a held tail out: " + sink.flushed);
        out.close();
    }

    @Test
    void a_stream_without_secrets_is_the_stream_itself() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertSame(sink, Redactor.none().wrap(sink));
    }

    @Test
    void a_secret_that_contains_another_is_masked_whole() throws IOException {
        Redactor nested = Redactor.of(List.of("abcdefgh", "abcdefgh-longer-one"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = nested.wrap(sink);
        write(out, "x abcdefgh-lon");
        write(out, "ger-one y abcdefgh z");
        out.close();
        assertEquals("x [REDACTED] y [REDACTED] z", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_secret_with_characters_json_escapes_is_masked_as_json_writes_it() throws IOException {
        Redactor quoted = Redactor.of(List.of("pa\"ss\\word-1"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = quoted.wrap(sink);
        write(out, "{\"m\":\"pa\\\"ss\\\\word-1\"}");
        out.close();
        assertEquals("{\"m\":\"[REDACTED]\"}", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void base_urls_lose_their_credentials_when_shown_and_give_them_up_as_secrets() {
        URI url = URI.create("https://user:p%40ss-word-9@gw.example/v1?api-version=2024-06-01&key=AIzaQuerySecret1");
        assertEquals("https://***@gw.example/v1?api-version=2024-06-01&key=***", Redactor.safeUrl(url));
        List<String> secrets = Redactor.secretsOf(url);
        assertTrue(secrets.containsAll(List.of("user:p%40ss-word-9", "p%40ss-word-9", "user:p@ss-word-9", "AIzaQuerySecret1")),
                secrets.toString());
        assertTrue(!secrets.contains("2024-06-01"), "parameters that are no credentials stay");
        assertEquals("http://127.0.0.1:1234/v1", Redactor.safeUrl(URI.create("http://127.0.0.1:1234/v1")));
    }
}
