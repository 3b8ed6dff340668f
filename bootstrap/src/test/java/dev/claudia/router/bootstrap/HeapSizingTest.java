package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.InboundLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default bound on request bytes in flight must fit the heap the {@code claudia} script gives
 * the JVM (bootstrap/jvm.options): a request in flight takes about 5 times its body of heap, and an
 * idle router with its tokenizer tables about 50 MB (docs/security.md, "Heap"). Changing either
 * without the other would let a burst of large Claude Code requests exhaust the heap.
 */
class HeapSizingTest {

    private static final long MB = 1024 * 1024;

    @Test
    void the_default_bodies_in_flight_fit_the_shipped_heap() throws Exception {
        String options = Files.readString(Path.of("jvm.options"));
        Matcher xmx = Pattern.compile("(?m)^-Xmx(\\d+)m\\s*$").matcher(options);
        assertTrue(xmx.find(), "jvm.options sets -Xmx in megabytes:\n" + options);
        long heap = Long.parseLong(xmx.group(1)) * MB;
        long needed = 50 * MB + 5 * InboundLimits.defaults().maxBodyBytesInFlight();
        assertTrue(needed <= heap, "50 MB + 5 x maxBodyBytesInFlight = " + needed / MB + " MB > -Xmx " + heap / MB + " MB");
        assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), "past the heap the JVM must exit, not limp");
    }
}
