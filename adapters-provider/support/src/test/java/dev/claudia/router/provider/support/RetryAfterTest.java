package dev.claudia.router.provider.support;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryAfterTest {

    @Test
    void reads_retry_after_in_seconds_dates_and_milliseconds() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse("7", null, clock));
        assertEquals(Duration.ofMillis(1500), RetryAfter.parse("1.5", null, clock));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Tue, 24 Nov 2026 12:00:30 GMT", null, clock));
        assertEquals(Duration.ofMillis(250), RetryAfter.parse("7", "250", clock));
        assertNull(RetryAfter.parse("soon", null, clock));
        assertNull(RetryAfter.parse(null, null, clock));
    }
}
