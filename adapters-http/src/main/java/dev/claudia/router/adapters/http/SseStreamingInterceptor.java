package dev.claudia.router.adapters.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import org.glassfish.jersey.message.internal.CommittingOutputStream;

import java.io.IOException;

/**
 * Turns Jersey's response buffering off for event streams only. Jersey keeps the first 8 KiB of
 * every entity to compute Content-Length and ignores flush() until then, so without this a client
 * would get a stream's events in one lump at the end. JSON responses keep the
 * buffer and their Content-Length.
 */
public final class SseStreamingInterceptor implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(context.getMediaType())
                && context.getOutputStream() instanceof CommittingOutputStream committing
                && !committing.isCommitted()) {
            committing.enableBuffering(0);
        }
        context.proceed();
    }
}
