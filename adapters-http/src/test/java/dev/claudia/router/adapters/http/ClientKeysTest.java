package dev.claudia.router.adapters.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientKeysTest {

    private final ClientKeys keys = ClientKeys.of(List.of("first-client-key-0001", " second-client-key-02 ", "", "first-client-key-0001"));

    @Test
    void accepts_exactly_the_configured_keys() {
        assertTrue(keys.required());
        assertEquals(2, keys.size(), "blank and repeated values dropped");
        assertTrue(keys.accepts("first-client-key-0001"));
        assertTrue(keys.accepts("second-client-key-02"));
        assertFalse(keys.accepts("first-client-key-000"));
        assertFalse(keys.accepts("first-client-key-00012"));
        assertFalse(keys.accepts(""));
        assertFalse(ClientKeys.none().required());
        assertEquals("ClientKeys[2]", keys.toString());
    }

    @Test
    void a_proof_matches_only_for_the_same_key_port_and_nonce() {
        List<String> proofs = keys.proofs(8082, "nonce-0123456789abcdef");
        assertEquals(2, proofs.size());
        assertTrue(proofs.contains(ClientKeys.proof("second-client-key-02", 8082, "nonce-0123456789abcdef")));
        assertFalse(proofs.contains(ClientKeys.proof("second-client-key-02", 8083, "nonce-0123456789abcdef")),
                "a relay to another port gives another proof");
        assertFalse(proofs.contains(ClientKeys.proof("second-client-key-02", 8082, "nonce-0123456789abcdeg")));
        assertFalse(proofs.contains(ClientKeys.proof("not-a-key-of-this-router", 8082, "nonce-0123456789abcdef")));
        assertNotEquals(proofs.get(0), proofs.get(1));
        assertFalse(String.join(",", proofs).contains("client-key"), "the proof does not carry the key");
    }
}
