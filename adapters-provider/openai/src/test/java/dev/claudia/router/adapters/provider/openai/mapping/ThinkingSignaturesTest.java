package dev.claudia.router.adapters.provider.openai.mapping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThinkingSignaturesTest {

    @Test
    void signs_recognisably_and_deterministically() {
        String signature = ThinkingSignatures.sign("because");
        assertTrue(signature.startsWith("claudia.") && signature.length() > "claudia.".length(), signature);
        assertEquals(signature, ThinkingSignatures.sign("because"));
        assertNotEquals(signature, ThinkingSignatures.sign("because!"));
        assertTrue(ThinkingSignatures.isOurs(signature));
        assertFalse(ThinkingSignatures.isOurs("EqQBCkYIBxgCKkA..."));
        assertTrue(ThinkingSignatures.sign("").length() > "claudia.".length(), "non-empty even for empty thinking");
    }
}
