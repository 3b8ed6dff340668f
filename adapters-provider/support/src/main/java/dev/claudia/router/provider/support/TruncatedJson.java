package dev.claudia.router.provider.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Text-level repairs of almost-JSON that a parser cannot make by itself: Markdown code fences
 * around the object, closing brackets left over after it, and an object cut off in the middle
 * (the model hit {@code max_tokens}). One left-to-right scan that knows strings and escapes; no
 * regular expressions.
 */
final class TruncatedJson {

    private TruncatedJson() {}

    /** {@code ```json\n{...}\n```} to {@code {...}}. */
    static String stripFences(String text) {
        String t = text;
        if (t.startsWith("```")) {
            int newline = t.indexOf('\n');
            t = newline < 0 ? t.substring(3) : t.substring(newline + 1);
        }
        if (t.endsWith("```")) {
            t = t.substring(0, t.length() - 3);
        }
        return t.strip();
    }

    /** {@code {"a":1}}}} to {@code {"a":1}}: the text up to where the first value closes, when only brackets follow; else null. */
    static String withoutExtraClosers(String text) {
        Scan scan = new Scan(text);
        if (scan.firstValueEnd < 0) {
            return null;
        }
        for (int i = scan.firstValueEnd; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '}' && c != ']' && !Character.isWhitespace(c)) {
                return null;
            }
        }
        return text.substring(0, scan.firstValueEnd);
    }

    /**
     * Closes what was left open: the string (a cut key gets {@code :null}), a dangling separator,
     * a cut {@code true}/{@code false}/{@code null}, then the brackets in reverse order. Null when
     * nothing is open.
     */
    static String close(String text) {
        Scan scan = new Scan(text);
        if (scan.open.isEmpty() || scan.firstValueEnd >= 0 || scan.unbalanced) {
            return null;
        }
        StringBuilder closed = new StringBuilder(text);
        if (scan.inString) {
            if (scan.escaped) {
                closed.setLength(closed.length() - 1);
            }
            closed.append('"');
        }
        String tail = completeLiteral(closed.toString().stripTrailing());
        if (tail.endsWith(",")) {
            tail = tail.substring(0, tail.length() - 1);
        } else if (tail.endsWith(":") || scan.inKey || scan.afterKey) {
            tail = tail + (tail.endsWith(":") ? "null" : ":null");
        }
        closed = new StringBuilder(tail);
        while (!scan.open.isEmpty()) {
            closed.append(scan.open.pop() == '{' ? '}' : ']');
        }
        return closed.toString();
    }

    /** {@code tru} to {@code true}, and so on, when the text ends in a cut literal. */
    private static String completeLiteral(String text) {
        int start = text.length();
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start);
        for (String literal : new String[] {"true", "false", "null"}) {
            if (!word.isEmpty() && literal.startsWith(word)) {
                return text.substring(0, start) + literal;
            }
        }
        return text;
    }

    /** One pass over the text: open brackets, string state, and where the first whole value ends. */
    private static final class Scan {
        final Deque<Character> open = new ArrayDeque<>();
        boolean inString;
        boolean escaped;
        boolean inKey;
        boolean afterKey;
        boolean unbalanced;
        int firstValueEnd = -1;

        Scan(String text) {
            boolean expectKey = false;
            for (int i = 0; i < text.length() && firstValueEnd < 0 && !unbalanced; i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                        afterKey = inKey;
                        inKey = false;
                    }
                    continue;
                }
                switch (c) {
                    case '"' -> {
                        inString = true;
                        inKey = expectKey;
                        expectKey = false;
                    }
                    case '{' -> {
                        open.push(c);
                        expectKey = true;
                    }
                    case '[' -> open.push(c);
                    case ',' -> expectKey = !open.isEmpty() && open.peek() == '{';
                    case ':' -> afterKey = false;
                    case '}', ']' -> {
                        if (open.isEmpty()) {
                            unbalanced = true;
                        } else {
                            open.pop();
                            if (open.isEmpty()) {
                                firstValueEnd = i + 1;
                            }
                        }
                    }
                    default -> { }
                }
            }
        }
    }
}
