package dev.claudia.router.adapters.provider.responses.mapping;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReasoningSignaturesTest {

    @Test
    void a_carried_item_round_trips_through_its_signature() {
        var carried = new ReasoningSignatures.Carried(ReasoningSignatures.source("openai", "gpt-5"), "rs_1", "gAAAA+/=");
        String signature = ReasoningSignatures.encode(carried);
        assertTrue(signature.startsWith("claudia-responses."), signature);
        assertTrue(signature.matches("[A-Za-z0-9._-]+"), "safe in any JSON or header: " + signature);
        assertEquals(Optional.of(carried), ReasoningSignatures.decode(signature));
        var stored = new ReasoningSignatures.Carried(carried.source(), "rs_2", null);
        assertEquals(Optional.of(stored), ReasoningSignatures.decode(ReasoningSignatures.encode(stored)));
    }

    @Test
    void signatures_it_did_not_make_are_not_its_own() {
        assertEquals(Optional.empty(), ReasoningSignatures.decode("EqQBCkYIBRgCKkBx"));
        assertEquals(Optional.empty(), ReasoningSignatures.decode("claudia.3q2-7wEjFg"));
        assertEquals(Optional.empty(), ReasoningSignatures.decode("claudia-responses.%%%"));
        assertEquals(Optional.empty(), ReasoningSignatures.decode("claudia-responses.e30")); // {}
        assertEquals(Optional.empty(), ReasoningSignatures.decode(null));
    }

    @Test
    void the_source_tells_backends_and_models_apart() {
        assertEquals(ReasoningSignatures.source("openai", "gpt-5"), ReasoningSignatures.source("openai", "gpt-5"));
        assertNotEquals(ReasoningSignatures.source("openai", "gpt-5"), ReasoningSignatures.source("azure", "gpt-5"));
        assertNotEquals(ReasoningSignatures.source("openai", "gpt-5"), ReasoningSignatures.source("openai", "gpt-5-mini"));
    }
}
