package dev.claudia.router.provider.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SseReaderTest {

    private static List<SseEvent> read(String text, int readSize) throws IOException {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, readSize));
            }
        };
        SseReader reader = new SseReader(in);
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent e = reader.next(); e != null; e = reader.next()) {
            events.add(e);
        }
        return events;
    }

    @Test
    void reads_lf_cr_and_crlf_even_when_cut_between_cr_and_lf() throws IOException {
        String text = "data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: ü✓\n\n";
        for (int size = 1; size <= text.length(); size++) {
            assertEquals(List.of(new SseEvent(null, "a"), new SseEvent(null, "b"), new SseEvent(null, "c"),
                    new SseEvent(null, "ü✓")), read(text, size), "read size " + size);
        }
    }

    @Test
    void joins_multi_line_data_keeps_event_names_and_skips_comments() throws IOException {
        assertEquals(List.of(new SseEvent("update", "line1\nline2"), new SseEvent(null, "x")),
                read(": keep-alive\n\nevent: update\ndata: line1\ndata:line2\nid: 7\n\n: OPENROUTER PROCESSING\n\ndata: x\n\n", 5));
    }

    @Test
    void dispatches_a_last_event_without_its_blank_line() throws IOException {
        assertEquals(List.of(new SseEvent(null, "[DONE]")), read("data: [DONE]", 64));
    }

    /**
     * Bytes the HTTP client already holds (it reports them through {@code available()}), handed
     * over in pieces; a read when nothing is available would block, which the test forbids.
     */
    private static final class Arriving extends InputStream {
        private final java.util.ArrayDeque<byte[]> pieces = new java.util.ArrayDeque<>();
        private byte[] current = new byte[0];
        private int at;

        void arrive(String text) {
            pieces.add(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int available() {
            if (at == current.length && !pieces.isEmpty()) {
                current = pieces.poll();
                at = 0;
            }
            return current.length - at;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, available());
            if (n == 0) {
                throw new AssertionError("a read that would block for the network");
            }
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }
    }

    @Test
    void next_buffered_takes_what_has_already_arrived_and_never_waits_for_more() throws IOException {
        Arriving in = new Arriving();
        SseReader reader = new SseReader(in);
        assertNull(reader.nextBuffered(), "nothing has arrived");

        in.arrive("data: one\n\ndata: tw");
        assertEquals("one", reader.nextBuffered().data());
        assertNull(reader.nextBuffered(), "half an event stays pending");

        in.arrive("o\n");
        in.arrive("\n");
        assertEquals("two", reader.nextBuffered().data(), "joined across pieces");
        assertNull(reader.nextBuffered());
    }

    @Test
    void a_reader_keeping_bytes_hands_out_each_events_exact_bytes_whatever_the_reads() throws IOException {
        List<String> frames = List.of(": comment first\nevent: message_start\ndata: {\"a\": 1}\n\n",
                "event: mystery\r\ndata: x\r\ndata: y\r\n\r\n", "\nevent: ping\rdata: {}\r\r",
                "event: content_block_delta\ndata: {\"t\":\"ü✓\"}\n\n");
        String text = String.join("", frames);
        for (int size = 1; size <= text.length(); size++) {
            int readSize = size;
            InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, readSize));
                }
            };
            SseReader reader = SseReader.keepingBytes(in);
            StringBuilder all = new StringBuilder();
            List<String> names = new ArrayList<>();
            for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                all.append(e.raw().text());
                names.add(e.event());
            }
            assertEquals(text, all.toString(), "read size " + size + ": the events' bytes are the stream's");
            assertEquals(List.of("message_start", "mystery", "ping", "content_block_delta"), names);
        }
        SseReader whole = SseReader.keepingBytes(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        for (String frame : frames.subList(0, 2)) {
            assertEquals(frame, whole.next().raw().text(), "each event's own bytes, comments before it included");
        }
    }

    @Test
    void a_plain_reader_keeps_no_bytes() throws IOException {
        assertNull(new SseReader(new ByteArrayInputStream("data: a\n\n".getBytes(StandardCharsets.UTF_8))).next().raw());
    }
}
