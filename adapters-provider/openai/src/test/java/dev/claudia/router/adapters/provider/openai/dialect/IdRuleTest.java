package dev.claudia.router.adapters.provider.openai.dialect;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdRuleTest {

    @Test
    void mistral_gets_nine_alphanumerics_for_any_other_id_and_keeps_its_own() {
        String mapped = IdRule.MISTRAL.upstream("toolu_01A09q90qw90lq917835lq9");
        assertTrue(mapped.matches("[a-zA-Z0-9]{9}"), mapped);
        assertEquals(mapped, IdRule.MISTRAL.upstream("toolu_01A09q90qw90lq917835lq9"), "same id, same mapping: pairs match");
        assertEquals("D681PevKs", IdRule.MISTRAL.upstream("D681PevKs"), "Mistral's own ids come back as they were");
        assertNotEquals(mapped, IdRule.MISTRAL.upstream("toolu_01A09q90qw90lq917835lq8"));
    }

    @Test
    void openai_keeps_ids_of_up_to_40_and_derives_longer_or_unusual_ones() {
        assertEquals("toolu_01A09q90qw90lq917835lq9", IdRule.OPENAI.upstream("toolu_01A09q90qw90lq917835lq9"));
        String longId = "chatcmpl-tool-" + "0123456789abcdef".repeat(3); // vLLM's 46-character ids
        String mapped = IdRule.OPENAI.upstream(longId);
        assertTrue(mapped.matches("call_[a-zA-Z0-9]{24}"), mapped);
        assertTrue(IdRule.OPENAI.upstream("functions.Bash:0").startsWith("call_"));
        assertEquals("functions.Bash:0", IdRule.TEMPLATE.upstream("functions.Bash:0"),
                "Kimi's ids pass on servers that run its template");
        assertTrue(IdRule.TEMPLATE.upstream("x".repeat(65)).startsWith("call_"));
    }

    @Test
    void mistral_models_get_mistral_ids_wherever_they_are_served() {
        assertEquals(IdRule.MISTRAL, Dialects.VLLM.toolIdsFor("mistralai/Devstral-Small-2505"));
        assertEquals(IdRule.MISTRAL, Dialects.OPENROUTER.toolIdsFor("mistralai/mistral-large"));
        assertEquals(IdRule.OPENAI, Dialects.OPENROUTER.toolIdsFor("qwen/qwen3-coder"));
        assertEquals(IdRule.TEMPLATE, Dialects.NVIDIA_NIM.toolIdsFor("z-ai/glm4.7"));
    }

    @Property
    void every_id_becomes_one_the_rule_accepts_and_the_same_one_every_time(
            @ForAll @StringLength(min = 1, max = 300) String id, @ForAll @StringLength(min = 1, max = 300) String other) {
        for (IdRule rule : IdRule.values()) {
            String up = rule.upstream(id);
            assertTrue(rule.accepts(up), rule + " " + up);
            assertEquals(up, rule.upstream(id));
            assertEquals(up, rule.upstream(up), "an accepted id maps to itself");
            if (!id.equals(other) && !rule.accepts(id)) {
                assertNotEquals(up, rule.upstream(other), "distinct ids stay distinct");
            }
        }
    }
}
