package dev.claudia.router.adapters.provider.openai.dialect;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedToolIdsTest {

    @Test
    void a_gemini_signature_rides_in_an_id_anthropic_accepts_and_comes_back_exactly() {
        String signature = "CiQBjz1rX+/8Zq==EjQKMgEMOdbHJChLX75QUCJjyYlm";
        String id = SignedToolIds.encode("jm4owj31", signature);
        assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
        assertTrue(id.startsWith("toolu_ts"));
        assertEquals(new SignedToolIds.Decoded("jm4owj31", signature), SignedToolIds.decode(id));
    }

    @Test
    void plain_and_malformed_ids_are_just_ids() {
        assertEquals(new SignedToolIds.Decoded("toolu_01ABC", null), SignedToolIds.decode("toolu_01ABC"));
        for (String odd : new String[] {"toolu_ts", "toolu_ts_", "toolu_tsx_abc_d", "toolu_ts999_abc_d", "toolu_ts3_abc",
            "toolu_ts3_ab!_x", "toolu_ts4_abcd"}) {
            assertEquals(odd, SignedToolIds.decode(odd).providerId(), odd);
            assertNull(SignedToolIds.decode(odd).signature(), odd);
        }
    }

    @Property
    void an_id_anthropic_would_refuse_is_carried_and_comes_back_exactly(@ForAll @StringLength(min = 1, max = 200) String id) {
        String carried = SignedToolIds.carry(id);
        assertTrue(SignedToolIds.safe(carried), carried);
        assertEquals(new SignedToolIds.Decoded(id, null), SignedToolIds.decode(carried));
    }

    @Property
    void decoding_gives_back_what_was_encoded(
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
            @Chars({'_', '-'}) String providerId,
            @ForAll @StringLength(min = 1, max = 2000) String signature) {
        String id = SignedToolIds.encode(providerId, signature);
        assertTrue(id.matches("[A-Za-z0-9_-]+"));
        assertEquals(new SignedToolIds.Decoded(providerId, signature), SignedToolIds.decode(id));
    }
}
