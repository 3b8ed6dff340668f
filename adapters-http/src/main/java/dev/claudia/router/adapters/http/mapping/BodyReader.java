package dev.claudia.router.adapters.http.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body as JSON, enforcing the size limit before and while reading, so an
 * oversized upload is refused with 413 without being buffered, and malformed JSON is a 400 that
 * says where it broke.
 */
public final class BodyReader {

    private final ObjectMapper mapper;
    private final long maxBytes;

    public BodyReader(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** A body read: its bytes as they came, and the JSON they hold. */
    public record Body(byte[] bytes, JsonInput json) {}

    public JsonInput read(InputStream body, long declaredLength) {
        return readBody(body, declaredLength).json();
    }

    /** The bytes are kept (not copied) for adapters that forward the request as the client sent it. */
    public Body readBody(InputStream body, long declaredLength) {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw ApiError.invalidRequest("could not read the request body: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(-1);
        }
        if (bytes.length == 0) {
            throw ApiError.invalidRequest("request body is empty; expected a JSON object");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiError.invalidRequest("request body must be a JSON object");
            }
            return new Body(bytes, JsonInput.root(node));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiError.invalidRequest("request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.invalidRequest("could not read the request body: " + e.getMessage());
        }
    }

    private ApiError tooLarge(long length) {
        String size = length > 0 ? length + " bytes" : "larger than the limit";
        return ApiError.of(413, "request_too_large", "request body is " + size + "; the limit is " + maxBytes
                + " bytes (" + (maxBytes >> 20) + " MB)");
    }
}
