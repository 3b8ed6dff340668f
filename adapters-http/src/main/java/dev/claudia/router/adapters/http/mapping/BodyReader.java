package dev.claudia.router.adapters.http.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;

/**
 * Reads a request body as JSON. The size limit is enforced before and while reading, so an
 * oversized upload is refused with 413 without being buffered; the bytes are accounted in the
 * request's {@link BodyBudget} before they are read (all of a declared length at once, a chunked
 * body as it arrives); malformed JSON, and JSON nested deeper than the limit, is a 400 that says
 * where it broke.
 */
public final class BodyReader {

    private static final int CHUNK = 64 * 1024;

    private final ObjectMapper mapper;
    private final long maxBytes;
    private final int maxDepth;

    public BodyReader(ObjectMapper mapper, long maxBytes, int maxDepth) {
        this.mapper = mapper.copy();
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE - 8, maxBytes))
                .maxDocumentLength(maxBytes)
                .build());
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /** A body read: its bytes as they came, and the JSON they hold. */
    public record Body(byte[] bytes, JsonInput json) {}

    /**
     * @param contentLength the request's {@code Content-Length} header as sent, or null (chunked, or none)
     */
    public JsonInput read(InputStream body, String contentLength, BodyBudget budget) {
        return readBody(body, contentLength, budget).json();
    }

    /** The bytes are kept (not copied) for adapters that forward the request as the client sent it. */
    public Body readBody(InputStream body, String contentLength, BodyBudget budget) {
        long declared = declaredLength(contentLength);
        byte[] bytes;
        try {
            if (declared >= 0) {
                budget.reserve(declared);
                bytes = readExactly(body, (int) declared);
            } else {
                bytes = readChunked(body, budget);
            }
        } catch (ClosedChannelException e) {
            throw ApiError.of(408, "timeout_error", "the request body did not arrive within the receive time limit "
                    + "(limits.receiveTimeoutSeconds); the connection was closed");
        } catch (IOException e) {
            throw ApiError.invalidRequest("could not read the request body: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw ApiError.invalidRequest("request body is empty; expected a JSON object");
        }
        return parse(bytes);
    }

    private long declaredLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        long declared;
        try {
            declared = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            // The JDK server refuses lengths that are no number before we see them; this is only a safeguard.
            throw tooLarge("Content-Length '" + header.strip() + "'");
        }
        if (declared < 0) {
            throw ApiError.invalidRequest("Content-Length must not be negative");
        }
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes");
        }
        return declared;
    }

    /**
     * Reads into one array of the announced size: {@code readNBytes(int)} would collect the body in
     * buffers and then copy them into the array it returns, two copies of a 240 KB prompt instead of one.
     */
    private static byte[] readExactly(InputStream body, int declared) throws IOException {
        byte[] bytes = new byte[declared];
        int read = body.readNBytes(bytes, 0, declared);
        if (read < declared) {
            throw ApiError.invalidRequest("the request body ended after " + read + " of the "
                    + declared + " bytes its Content-Length announced");
        }
        return bytes;
    }

    private byte[] readChunked(InputStream body, BodyBudget budget) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        while (true) {
            int n = body.readNBytes(chunk, 0, CHUNK);
            if (n == 0) {
                return read.toByteArray();
            }
            if (read.size() + (long) n > maxBytes) {
                throw tooLarge("larger than the limit");
            }
            budget.reserve(n);
            read.write(chunk, 0, n);
            if (n < CHUNK) {
                return read.toByteArray();
            }
        }
    }

    private Body parse(byte[] bytes) {
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiError.invalidRequest("request body must be a JSON object");
            }
            return new Body(bytes, JsonInput.root(node));
        } catch (StreamConstraintsException e) {
            throw ApiError.invalidRequest("request body nests deeper than " + maxDepth + " levels"
                    + where(e) + " (limits.maxJsonDepth)");
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest("request body is not valid JSON" + where(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.invalidRequest("could not read the request body: " + e.getMessage());
        }
    }

    private static String where(JsonProcessingException e) {
        var at = e.getLocation();
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private ApiError tooLarge(String size) {
        return ApiError.of(413, "request_too_large", "request body is " + size + "; the limit is " + maxBytes
                + " bytes (" + (maxBytes >> 20) + " MB)");
    }
}
