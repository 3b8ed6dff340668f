package dev.claudia.router.adapters.provider.openai.dialect;

import dev.claudia.router.adapters.provider.openai.dialect.TextToolCalls.Piece;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextToolCallsTest {

    private static final Predicate<String> OFFERED = Set.of("Bash", "Read", "get_weather")::contains;

    private static final String HERMES = "I'll check.\n<tool_call>\n{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls -la\"}}\n"
            + "</tool_call>\n<tool_call>\n{\"name\": \"Read\", \"arguments\": \"{\\\"file_path\\\": \\\"/a\\\"}\"}\n</tool_call>";
    private static final String QWEN_CODER = "<tool_call>\n<function=Bash>\n<parameter=command>\necho hi\n</parameter>\n"
            + "<parameter=timeout>\n120\n</parameter>\n</function>\n</tool_call>";
    private static final String DEEPSEEK = "Let me look.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>"
            + "{\"location\": \"Tokyo\"}<｜tool▁call▁end｜><｜tool▁call▁begin｜>Bash<｜tool▁sep｜>{\"command\": \"date\"}"
            + "<｜tool▁call▁end｜><｜tool▁calls▁end｜>";
    private static final String DEEPSEEK_V3 = "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n"
            + "```json\n{\"location\": \"Paris\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>";
    private static final String FENCED = "Running it:\n```json\n{\"name\": \"Bash\", \"arguments\": {\"command\": \"pwd\"}}\n```\n";

    private static List<Piece> whole(String text) {
        return TextToolCalls.split(text, OFFERED);
    }

    @Test
    void recovers_hermes_json_calls_with_object_or_string_arguments() {
        assertEquals(List.of(new Piece.Text("I'll check."), new Piece.Call("Bash", "{\"command\":\"ls -la\"}"),
                new Piece.Call("Read", "{\"file_path\": \"/a\"}")), whole(HERMES));
    }

    @Test
    void recovers_qwen3_coder_function_tags_with_typed_values() {
        assertEquals(List.of(new Piece.Call("Bash", "{\"command\":\"echo hi\",\"timeout\":120}")), whole(QWEN_CODER));
    }

    @Test
    void recovers_deepseek_markup_in_both_of_its_forms() {
        assertEquals(List.of(new Piece.Text("Let me look."), new Piece.Call("get_weather", "{\"location\": \"Tokyo\"}"),
                new Piece.Call("Bash", "{\"command\": \"date\"}")), whole(DEEPSEEK));
        assertEquals(List.of(new Piece.Call("get_weather", "{\"location\": \"Paris\"}")), whole(DEEPSEEK_V3));
    }

    @Test
    void recovers_a_fenced_call_but_leaves_ordinary_json_blocks_and_unknown_tools_as_text() {
        assertEquals(List.of(new Piece.Text("Running it:"), new Piece.Call("Bash", "{\"command\":\"pwd\"}")), whole(FENCED));
        String config = "Use this:\n```json\n{\"port\": 8080}\n```\nDone.";
        assertEquals(config, text(whole(config)));
        String unknown = "<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call> ok";
        assertEquals(unknown, text(whole(unknown)), "a tool the request does not offer is not called");
        String broken = "<tool_call>{\"name\": \"Bash\", \"arguments\": {\"command\": </tool_call>";
        assertEquals(broken, text(whole(broken)));
    }

    @Test
    void an_unclosed_call_at_the_end_is_tried_and_a_runaway_one_is_text_again() {
        assertEquals(List.of(new Piece.Call("Bash", "{\"command\":\"ls\"}")),
                whole("<tool_call>{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls\"}}"));
        TextToolCalls scanner = new TextToolCalls(OFFERED);
        List<Piece> out = new ArrayList<>(scanner.feed("<tool_call>"));
        String filler = "x".repeat(1024);
        for (int i = 0; i <= TextToolCalls.MAX_CALL / filler.length(); i++) {
            out.addAll(scanner.feed(filler));
        }
        assertTrue(out.size() == 1 && text(out).startsWith("<tool_call>xxx"), "gave up and let the text through");
    }

    @Test
    void holds_back_only_what_could_start_a_marker() {
        TextToolCalls scanner = new TextToolCalls(OFFERED);
        assertEquals(List.of(new Piece.Text("Hello")), scanner.feed("Hello <tool_"));
        assertEquals(List.of(new Piece.Text(" <tool_box> and")), scanner.feed("box> and ``"), "not a marker after all");
        assertEquals(List.of(new Piece.Text(" ``")), scanner.finish());
    }

    @Property(tries = 300)
    void any_split_into_chunks_gives_what_the_whole_text_gives(@ForAll("answers") String text,
                                                               @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 40) Integer> cuts) {
        TextToolCalls scanner = new TextToolCalls(OFFERED);
        List<Piece> streamed = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(text.length(), at + cut);
            streamed.addAll(scanner.feed(text.substring(at, end)));
            at = end;
        }
        streamed.addAll(scanner.feed(text.substring(at)));
        streamed.addAll(scanner.finish());
        List<Piece> whole = whole(text);
        assertEquals(calls(whole), calls(streamed));
        assertEquals(text(whole), text(streamed), "the same text, however it was cut");
    }

    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> parts = Arbitraries.of("Sure. ", "\n", "<", "<tool", "```", "```js\nx\n```", " ok", HERMES, QWEN_CODER,
                DEEPSEEK, DEEPSEEK_V3, FENCED, "<tool_call>{\"name\":\"nope\",\"arguments\":{}}</tool_call>", "｜", "done.");
        return parts.list().ofMaxSize(6).map(l -> String.join("", l));
    }

    private static String text(List<Piece> pieces) {
        StringBuilder out = new StringBuilder();
        pieces.forEach(p -> out.append(p instanceof Piece.Text t ? t.text() : ""));
        return out.toString();
    }

    private static List<Piece> calls(List<Piece> pieces) {
        return pieces.stream().filter(p -> p instanceof Piece.Call).toList();
    }
}
