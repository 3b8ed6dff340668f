package dev.claudia.router.adapters.provider.openai.dialect;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameRuleTest {

    /** A real shape: Claude Code names MCP tools mcp__<server>__<tool>. */
    private static final String MCP = "mcp__plugin_everything-claude-code_github__create_pull_request_review";

    @Test
    void keeps_names_the_rule_accepts_and_shortens_a_65_character_mcp_name_to_64() {
        assertEquals("Bash", NameRule.OPENAI.shorten("Bash"));
        assertEquals("mcp__github__create_issue", NameRule.OPENAI.shorten("mcp__github__create_issue"));
        String name = "mcp__" + "a".repeat(60); // 65 characters: OpenAI's "string too long ... got 65"
        String shortName = NameRule.OPENAI.shorten(name);
        assertEquals(64, shortName.length());
        assertTrue(shortName.startsWith("mcp__aaaa"), shortName);
        assertTrue(NameRule.OPENAI.accepts(shortName));
        assertEquals(69, MCP.length());
        assertTrue(NameRule.OPENAI.shorten(MCP).startsWith("mcp__plugin_everything-claude-code_github__create_pull"));
    }

    @Test
    void replaces_characters_the_rule_refuses_and_gemini_wants_a_letter_or_underscore_first() {
        String dotted = NameRule.OPENAI.shorten("web.search");
        assertTrue(dotted.startsWith("web_search_"), dotted);
        assertEquals("web.search", NameRule.GEMINI.shorten("web.search"), "Gemini takes dots");
        String digit = NameRule.GEMINI.shorten("3d_render");
        assertTrue(digit.startsWith("_d_render_") && NameRule.GEMINI.accepts(digit), digit);
        assertEquals("3d_render", NameRule.OPENAI.shorten("3d_render"), "OpenAI takes a digit first");
        assertEquals("any name at all?", NameRule.ANY.shorten("any name at all?"));
    }

    @Property
    void every_short_form_is_accepted_stable_and_told_apart(@ForAll @StringLength(min = 1, max = 200) String a,
                                                             @ForAll @StringLength(min = 1, max = 200) String b) {
        for (NameRule rule : NameRule.values()) {
            String shortA = rule.shorten(a);
            assertTrue(rule.accepts(shortA), rule + " " + shortA);
            assertEquals(shortA, rule.shorten(a), "deterministic");
            assertEquals(shortA, rule.shorten(shortA), "a short form is already valid");
            if (!a.equals(b) && (!rule.accepts(a) || !rule.accepts(b))) {
                assertNotEquals(shortA, rule.shorten(b), "two tools never share a name upstream");
            }
        }
    }

    @Test
    void rejects_what_the_providers_reject() {
        assertFalse(NameRule.OPENAI.accepts("a".repeat(65)));
        assertFalse(NameRule.OPENAI.accepts("has space"));
        assertFalse(NameRule.GEMINI.accepts("-dash-first"));
        assertTrue(NameRule.GEMINI.accepts("ns:tool.v2"));
    }
}
