package dev.claudia.router.adapters.provider.openai.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code <think>...</think>} that some models (served without a reasoning parser) write
 * into their text. Fed piece by piece, because in a stream a tag can be cut between two chunks:
 * a piece that might be the start of a tag is held back until the next one decides.
 */
public final class ThinkTags {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";
    /** Leading whitespace held while waiting for a tag; past this the text is plain text (and each piece stays linear). */
    private static final int MAX_LEAD = 1024;

    /** A run of text, reasoning or not. */
    public record Segment(boolean thinking, String text) {}

    private enum State { START, THINKING, TEXT }

    private State state = State.START;
    private final StringBuilder pending = new StringBuilder();

    /** Splits a whole text at once. */
    public static List<Segment> split(String text) {
        ThinkTags tags = new ThinkTags();
        List<Segment> out = new ArrayList<>(tags.feed(text));
        out.addAll(tags.finish());
        return out;
    }

    /** The segments that are certain so far. */
    public List<Segment> feed(String piece) {
        pending.append(piece);
        List<Segment> out = new ArrayList<>();
        while (true) {
            switch (state) {
                case START -> {
                    String text = pending.toString();
                    String lead = text.stripLeading();
                    if (lead.startsWith(OPEN)) {
                        pending.setLength(0);
                        pending.append(lead.substring(OPEN.length()));
                        state = State.THINKING;
                        continue;
                    }
                    if (OPEN.startsWith(lead) && text.length() <= MAX_LEAD) {
                        return out; // could still become <think>
                    }
                    state = State.TEXT;
                    continue;
                }
                case THINKING -> {
                    int close = pending.indexOf(CLOSE);
                    if (close >= 0) {
                        emit(out, true, pending.substring(0, close));
                        String after = pending.substring(close + CLOSE.length());
                        pending.setLength(0);
                        pending.append(after.stripLeading());
                        state = State.TEXT;
                        continue;
                    }
                    int keep = partialSuffix(pending, CLOSE);
                    emit(out, true, pending.substring(0, pending.length() - keep));
                    pending.delete(0, pending.length() - keep);
                    return out;
                }
                case TEXT -> {
                    emit(out, false, pending.toString());
                    pending.setLength(0);
                    return out;
                }
            }
        }
    }

    /** Whatever was held back, at the end of the text. */
    public List<Segment> finish() {
        List<Segment> out = new ArrayList<>();
        emit(out, state == State.THINKING, pending.toString());
        pending.setLength(0);
        return out;
    }

    private static void emit(List<Segment> out, boolean thinking, String text) {
        if (!text.isEmpty()) {
            out.add(new Segment(thinking, text));
        }
    }

    /** How many trailing characters could begin {@code tag}. */
    private static int partialSuffix(CharSequence text, String tag) {
        for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
            if (tag.startsWith(text.subSequence(text.length() - n, text.length()).toString())) {
                return n;
            }
        }
        return 0;
    }
}
