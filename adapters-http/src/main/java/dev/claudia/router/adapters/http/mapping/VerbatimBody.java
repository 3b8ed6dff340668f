package dev.claudia.router.adapters.http.mapping;

import dev.claudia.router.domain.message.Verbatim;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A response body the router passes on exactly as a provider sent it (an answer or an error of a
 * pass-through adapter). Written by Jersey's {@code StreamingOutput} support, so no JSON mapper
 * touches it.
 *
 * @param errorType the Anthropic error type, for the request log; null for an answer
 */
public record VerbatimBody(Verbatim body, String errorType) implements StreamingOutput {
    public VerbatimBody {
        Objects.requireNonNull(body, "body");
    }

    @Override
    public void write(OutputStream out) throws IOException {
        body.writeTo(out);
    }
}
