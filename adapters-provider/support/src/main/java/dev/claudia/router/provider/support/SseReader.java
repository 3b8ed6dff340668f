package dev.claudia.router.provider.support;

import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.provider.spi.UpstreamLimits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events framing (WHATWG HTML, "event stream interpretation"), and nothing else: it
 * knows no JSON. Lines end in LF, CR or CRLF, even when the CR and the LF arrive in different
 * reads; {@code data:} lines accumulate until a blank line dispatches the event; lines starting
 * with {@code :} are comments (OpenRouter's keep-alives); a final event without its blank line is
 * still dispatched at EOF. It returns an event as soon as its blank line has been read, without
 * waiting for more input.
 *
 * <p>{@link #keepingBytes} readers also hand out each event's exact bytes ({@link SseEvent#raw()}):
 * everything read since the previous event (comments and blank lines included) up to and including
 * the blank line that ends it, so that the events' bytes put together are the stream's bytes. Only
 * adapters that pass events on need them; the others pay nothing.
 *
 * <p>Bounded: a line, an event's data and (for {@link #keepingBytes} readers) an event's bytes may
 * each be {@code maxLineBytes} long; longer is a {@link TooLargeException}, so a provider that sends
 * an endless line costs a bounded buffer, not the heap. Readers made by {@link WatchedBody} also tell
 * it of every event they dispatch: events, not comments, are what counts as a stream being alive.
 */
public final class SseReader {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean eof;
    private boolean afterCr;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event;
    private final ByteArrayOutputStream raw;
    private final int maxLineBytes;
    private final Runnable onEvent;

    /** A reader with the default bound ({@code UpstreamLimits.DEFAULT}). */
    public SseReader(InputStream in) {
        this(in, false, UpstreamLimits.DEFAULT.maxSseLineBytes(), () -> { });
    }

    SseReader(InputStream in, boolean keepBytes, int maxLineBytes, Runnable onEvent) {
        this.in = in;
        this.raw = keepBytes ? new ByteArrayOutputStream(512) : null;
        this.maxLineBytes = maxLineBytes;
        this.onEvent = onEvent;
    }

    /** A reader whose events carry their exact bytes, with the default bound. */
    public static SseReader keepingBytes(InputStream in) {
        return new SseReader(in, true, UpstreamLimits.DEFAULT.maxSseLineBytes(), () -> { });
    }

    /** A reader with its own bound on lines and events. */
    public static SseReader bounded(InputStream in, boolean keepBytes, int maxLineBytes) {
        return new SseReader(in, keepBytes, maxLineBytes, () -> { });
    }

    /** Marks "no whole line is buffered" for {@link #nextBuffered()}. */
    private static final String WOULD_BLOCK = new String("would block");

    /** The next event, or null at the end of the stream. */
    public SseEvent next() throws IOException {
        return next(true);
    }

    /**
     * The next event if it is already in the buffer or can be read without waiting (bytes the HTTP
     * client has received but not yet handed over, as {@link InputStream#available()} reports),
     * else null without waiting for the network (what was read of a partial event is kept). At the
     * end of the stream, behaves like {@link #next()}.
     */
    public SseEvent nextBuffered() throws IOException {
        return next(false);
    }

    /** True once the input is exhausted: {@link #next()} will not wait any more. */
    public boolean atEnd() {
        return eof && position >= limit;
    }

    private SseEvent next(boolean mayBlock) throws IOException {
        String text;
        while ((text = readLine(mayBlock)) != null) {
            if (text == WOULD_BLOCK) {
                return null;
            }
            if (text.isEmpty()) {
                if (hasData) {
                    return dispatch();
                }
                event = null;
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                    if (data.length() > maxLineBytes) {
                        throw new TooLargeException("an event", maxLineBytes);
                    }
                }
                case "event" -> event = value;
                default -> { } // id, retry and unknown fields do not matter here
            }
        }
        return hasData ? dispatch() : null;
    }

    private SseEvent dispatch() throws TooLargeException {
        Verbatim bytes = null;
        if (raw != null) {
            if (afterCr && position < limit && buffer[position] == '\n') {
                // the LF of this event's final CRLF belongs to it, when it is already here
                afterCr = false;
                keep(position++, 1);
            }
            bytes = Verbatim.wrap(raw.toByteArray());
            raw.reset();
        }
        SseEvent e = new SseEvent(event, data.toString(), bytes);
        data.setLength(0);
        hasData = false;
        event = null;
        onEvent.run();
        return e;
    }

    /**
     * The next line without its terminator, or null at EOF with nothing pending. Scans the buffer
     * for the terminator and copies whole runs (a stream is thousands of short lines).
     */
    private String readLine(boolean mayBlock) throws IOException {
        while (true) {
            if (afterCr && position < limit) {
                afterCr = false;
                if (buffer[position] == '\n') {
                    keep(position++, 1); // the LF of a CRLF
                }
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position];
                if (b == '\n' || b == '\r') {
                    String text = take(start, position);
                    afterCr = b == '\r';
                    keep(start, ++position - start);
                    return text;
                }
                position++;
            }
            line.write(buffer, start, position - start);
            keep(start, position - start);
            if (line.size() > maxLineBytes) {
                throw new TooLargeException("a line", maxLineBytes);
            }
            if (eof) {
                if (line.size() > 0) {
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    return text;
                }
                return null;
            }
            if (!mayBlock && in.available() <= 0) {
                return WOULD_BLOCK;
            }
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                eof = true;
            } else {
                position = 0;
                limit = read;
            }
        }
    }

    private void keep(int from, int length) throws TooLargeException {
        if (raw != null) {
            raw.write(buffer, from, length);
            if (raw.size() > maxLineBytes) {
                throw new TooLargeException("an event (comments before it included)", maxLineBytes);
            }
        }
    }

    /** The line made of what was carried over from earlier reads plus {@code buffer[start, end)}. */
    private String take(int start, int end) {
        if (line.size() == 0) {
            return new String(buffer, start, end - start, StandardCharsets.UTF_8);
        }
        line.write(buffer, start, end - start);
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text;
    }
}
