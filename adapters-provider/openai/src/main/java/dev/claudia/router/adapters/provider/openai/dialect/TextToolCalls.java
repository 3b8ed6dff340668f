package dev.claudia.router.adapters.provider.openai.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Recovers tool calls that a model printed as text instead of returning them as tool calls (a
 * server without the model's tool parser, or a template that lost it): Qwen/Hermes
 * {@code <tool_call>{"name":..,"arguments":..}</tool_call>} (and Qwen3-Coder's
 * {@code <function=..>} form inside it), DeepSeek's {@code <｜tool▁calls▁begin｜>} markup, and fenced
 * {@code ```json} blocks holding a call. Only calls of tools the request offers are taken; anything
 * else between the markers goes on as the text it was.
 *
 * <p>Fed piece by piece, as a stream arrives. States: {@code TEXT} (text passes, except a tail
 * that could be the start of a marker, held until the next piece decides: at most the longest
 * marker minus one character) and {@code IN_CALL} (everything is held until the closing marker;
 * past {@link #MAX_CALL} characters the marker is taken for text after all). Markers are found
 * with plain searches from where the last search stopped, never a regular expression over the
 * held text. Whitespace between calls is dropped, so calls printed on separate lines do not leave
 * empty text blocks between them.
 */
public final class TextToolCalls {

    /** The most a call's text may hold before the opening marker is taken for plain text. */
    static final int MAX_CALL = 256 * 1024;

    /** What the scanner lets through: text, or a recovered call (arguments as JSON text). */
    public sealed interface Piece {
        record Text(String text) implements Piece {}

        record Call(String name, String arguments) implements Piece {}
    }

    private enum State { TEXT, IN_CALL }

    private final Predicate<String> offered;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder whitespace = new StringBuilder();
    private State state = State.TEXT;
    private TextCallFormat format;
    private int searchedUpTo;
    private boolean madeCall;

    /** @param offered whether the request offers a tool of this (provider-side) name */
    public TextToolCalls(Predicate<String> offered) {
        this.offered = offered;
    }

    /** All of a text at once (whole answers). */
    public static List<Piece> split(String text, Predicate<String> offered) {
        TextToolCalls scanner = new TextToolCalls(offered);
        List<Piece> out = new ArrayList<>(scanner.feed(text));
        out.addAll(scanner.finish());
        return out;
    }

    /** The pieces that are certain once {@code text} is appended. */
    public List<Piece> feed(String text) {
        held.append(text);
        List<Piece> out = new ArrayList<>();
        while (true) {
            if (state == State.TEXT) {
                int[] found = TextCallFormat.earliestOpening(held);
                if (found == null) {
                    int keep = TextCallFormat.partialOpening(held);
                    text(out, held.substring(0, held.length() - keep));
                    held.delete(0, held.length() - keep);
                    return out;
                }
                text(out, held.substring(0, found[0]));
                format = TextCallFormat.values()[found[1]];
                held.delete(0, found[0] + format.open().length());
                state = State.IN_CALL;
                searchedUpTo = 0;
            } else {
                int close = held.indexOf(format.close(), Math.max(0, searchedUpTo - format.close().length() + 1));
                if (close < 0) {
                    searchedUpTo = held.length();
                    if (held.length() > MAX_CALL) {
                        giveUp(out);
                    }
                    return out;
                }
                String body = held.substring(0, close);
                held.delete(0, close + format.close().length());
                calls(out, body, true);
                state = State.TEXT;
            }
        }
    }

    /** Whatever is held, at the end of the text: an unclosed call is tried as it is. */
    public List<Piece> finish() {
        List<Piece> out = new ArrayList<>();
        if (state == State.IN_CALL) {
            calls(out, held.toString(), false);
        } else {
            text(out, held.toString());
        }
        held.setLength(0);
        state = State.TEXT;
        if (!madeCall && !whitespace.isEmpty()) {
            out.add(new Piece.Text(whitespace.toString()));
        }
        whitespace.setLength(0);
        return out;
    }

    private void calls(List<Piece> out, String body, boolean closed) {
        List<Piece.Call> calls = format.parse(body);
        if (calls != null && !calls.isEmpty() && calls.stream().allMatch(c -> offered.test(c.name()))) {
            whitespace.setLength(0);
            out.addAll(calls);
            madeCall = true;
        } else {
            text(out, format.open() + body + (closed ? format.close() : ""));
        }
    }

    private void giveUp(List<Piece> out) {
        text(out, format.open() + held);
        held.setLength(0);
        state = State.TEXT;
    }

    /**
     * Text goes on, except trailing whitespace, held until more text follows (a call after it drops
     * it). Held per character, not per piece, so the outcome does not depend on where chunks end.
     */
    private void text(List<Piece> out, String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > 0) {
            out.add(new Piece.Text(whitespace + text.substring(0, end)));
            whitespace.setLength(0);
        }
        whitespace.append(text, end, text.length());
    }
}
