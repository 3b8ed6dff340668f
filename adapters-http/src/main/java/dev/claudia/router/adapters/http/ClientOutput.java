package dev.claudia.router.adapters.http;

import dev.claudia.router.application.RequestTrace;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import org.glassfish.jersey.server.ContainerException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.io.OutputStream;

/**
 * The last step before a response body reaches the client, for every response: secrets are masked
 * ({@link Redactor}) and every write is watched ({@link WriteWatchdog}), so a client that stops
 * reading costs its own response and nothing else. Runs after {@link SseStreamingInterceptor}, which
 * needs to see Jersey's own stream. The body is closed here, under the watch: for JSON answers the
 * close is where the bytes reach the socket, and for streams it writes the last chunk.
 */
@Priority(Priorities.USER + 100)
public final class ClientOutput implements WriterInterceptor {

    private static final System.Logger LOG = System.getLogger("claudia.http");

    private final WriteWatchdog watchdog;
    private final Redactor redactor;

    @Inject
    public ClientOutput(WriteWatchdog watchdog, HttpSettings settings) {
        this.watchdog = watchdog;
        this.redactor = settings.redactor();
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        String requestId = context.getProperty(RequestTracing.TRACE) instanceof RequestTrace trace ? trace.requestId() : "-";
        OutputStream out = redactor.wrap(new WatchedOutputStream(context.getOutputStream(), watchdog.guard(requestId)));
        context.setOutputStream(out);
        try {
            context.proceed();
            out.close();
        } catch (IOException clientGone) {
            // The client left (or stopped reading and was cut off): nothing to answer, nobody to tell.
            // Handing this to Jersey would log an error with a stack trace for what is not a fault.
            gone(out, requestId, clientGone);
        } catch (ContainerException e) {
            if (!(e.getCause() instanceof IOException clientGone)) {
                throw e;
            }
            gone(out, requestId, clientGone); // the status line itself could not be written
        }
    }

    private static void gone(OutputStream out, String requestId, IOException why) {
        closeQuietly(out);
        LOG.log(Level.DEBUG, "request " + requestId + ": the answer could not be written, the client is gone: "
                + why.getMessage());
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException alreadyFailing) {
            // the write that failed is what Jersey reports
        }
    }
}
