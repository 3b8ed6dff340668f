package dev.claudia.router.application;

import dev.claudia.router.domain.routing.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttemptPolicyTest {

    private final RetryPolicy policy = RetryPolicy.of(5, 100);

    @Test
    void backoff_doubles_from_the_base_delay_with_at_most_a_quarter_of_jitter() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            long base = 100L << (attempt - 1);
            for (int i = 0; i < 50; i++) {
                long wait = AttemptPolicy.waitMillis(policy, attempt, null);
                assertTrue(wait >= base && wait <= base + base / 4, "attempt " + attempt + " waited " + wait);
            }
        }
    }

    @Test
    void a_longer_retry_after_wins_over_the_backoff() {
        assertEquals(3000, AttemptPolicy.waitMillis(policy, 1, Duration.ofSeconds(3)));
    }

    @Test
    void a_zero_base_delay_does_not_wait() {
        assertEquals(0, AttemptPolicy.waitMillis(RetryPolicy.of(3, 0), 2, null));
    }
}
