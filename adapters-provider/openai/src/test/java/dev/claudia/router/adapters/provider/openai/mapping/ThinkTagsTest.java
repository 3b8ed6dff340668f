package dev.claudia.router.adapters.provider.openai.mapping;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThinkTagsTest {

    private static ThinkTags.Segment T(String s) {
        return new ThinkTags.Segment(true, s);
    }

    private static ThinkTags.Segment S(String s) {
        return new ThinkTags.Segment(false, s);
    }

    private static List<ThinkTags.Segment> fed(String... pieces) {
        ThinkTags tags = new ThinkTags();
        List<ThinkTags.Segment> out = new ArrayList<>();
        for (String p : pieces) {
            out.addAll(tags.feed(p));
        }
        out.addAll(tags.finish());
        return out;
    }

    @Test
    void splits_a_leading_think_block_from_the_answer() {
        assertEquals(List.of(T("plan"), S("answer")), ThinkTags.split("  <think>plan</think>\n\nanswer"));
    }

    @Test
    void treats_an_unterminated_think_block_as_all_thinking() {
        assertEquals(List.of(T("still going")), ThinkTags.split("<think>still going"));
    }

    @Test
    void leaves_text_without_a_leading_tag_alone() {
        assertEquals(List.of(S("a <think>b</think>")), ThinkTags.split("a <think>b</think>"));
    }

    @Test
    void finds_tags_cut_between_chunks() {
        List<ThinkTags.Segment> out = fed("<thi", "nk>pl", "an</th", "ink>ans", "wer");
        assertEquals("plan", out.stream().filter(ThinkTags.Segment::thinking).map(ThinkTags.Segment::text)
                .reduce("", String::concat));
        assertEquals("answer", out.stream().filter(s -> !s.thinking()).map(ThinkTags.Segment::text).reduce("", String::concat));
    }

    @Test
    void releases_a_held_back_prefix_that_turns_out_not_to_be_a_tag() {
        assertEquals(List.of(S("<the end")), fed("<th", "e end"));
    }
}
