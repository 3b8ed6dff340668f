package dev.claudia.router.provider.support;

import java.nio.charset.StandardCharsets;

/**
 * Provider text made fit to quote in an error message, in one linear pass and never more than a
 * bounded prefix: no regular expression runs over what a provider sent (a pattern like
 * {@code <[^>]*>} is quadratic on a body of {@code <} without {@code >}).
 */
public final class ProviderText {

    /** Of a body, at most this much is looked at. */
    static final int MAX_SCANNED_BYTES = 64 * 1024;

    private ProviderText() {}

    /**
     * A body that is not JSON (a proxy's HTML page, plain text): markup tags taken out, runs of
     * whitespace and control characters made one space, cut to {@code maxChars}.
     */
    public static String plain(byte[] body, int maxChars) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, MAX_SCANNED_BYTES), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars + 16));
        boolean inTag = false;
        boolean space = true; // drops leading whitespace
        for (int i = 0; i < text.length() && out.length() <= maxChars; i++) {
            char c = text.charAt(i);
            if (inTag) {
                inTag = c != '>';
                continue;
            }
            if (c == '<') {
                inTag = true;
                c = ' ';
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else {
                out.append(c);
                space = false;
            }
        }
        return trim(out.toString().strip(), maxChars);
    }

    /** At most {@code max} characters, {@code ...} marking a cut. */
    public static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
