package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import dev.claudia.router.adapters.http.mapping.BodyBudget;
import dev.claudia.router.adapters.http.mapping.BodyReader;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A body with a Content-Length is read into one array of that size; one that ends early is a 400 saying so. */
class BodyReaderTest {

    private final BodyReader bodies = new BodyReader(Json.MAPPER, 1 << 20, 64);

    /** Not a ByteArrayInputStream, whose readNBytes is its own: the general path, as the server's stream takes. */
    private static InputStream stream(byte[] bytes) {
        return new BufferedInputStream(new ByteArrayInputStream(bytes), 7);
    }

    @Test
    void a_declared_body_is_read_whole_and_kept_as_sent() {
        byte[] json = ("{\"model\":\"m\",\"text\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        BodyReader.Body body = bodies.readBody(stream(json), Integer.toString(json.length), BodyBudget.UNBOUNDED);
        assertArrayEquals(json, body.bytes());
        assertEquals(70_000, body.json().field("text").string().length());
    }

    @Test
    void a_body_shorter_than_its_content_length_is_refused_with_how_much_came() {
        byte[] json = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        ApiError error = assertThrows(ApiError.class,
                () -> bodies.readBody(stream(json), "40", BodyBudget.UNBOUNDED));
        assertEquals(400, error.status());
        assertEquals("the request body ended after 13 of the 40 bytes its Content-Length announced", error.getMessage());
    }
}
