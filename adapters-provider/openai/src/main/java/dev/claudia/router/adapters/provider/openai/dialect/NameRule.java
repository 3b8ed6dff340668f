package dev.claudia.router.adapters.provider.openai.dialect;

import java.util.regex.Pattern;

/**
 * Which function names a provider accepts. OpenAI (and DeepSeek, Groq, Mistral, OpenRouter) take
 * {@code ^[a-zA-Z0-9_-]{1,64}$} ("Invalid 'tools[0].function.name': string too long. Expected a string
 * with maximum length 64"); Gemini also takes dots and colons but wants a letter or underscore
 * first. Claude Code's MCP tools are named {@code mcp__<server>__<tool>} and often exceed 64.
 *
 * <p>A name the rule rejects is shortened deterministically: its allowed characters up to 55, then
 * {@code _} and 8 hex digits of the original's SHA-256. The same name gives the same short name in
 * every request, so history and answers map back without any stored state ({@link ToolNames}).
 */
public enum NameRule {
    /** Local servers: no rule of their own. */
    ANY(null, 0),
    OPENAI(Pattern.compile("[a-zA-Z0-9_-]{1,64}"), 64),
    GEMINI(Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}"), 64);

    private static final int HASH = 8;

    private final Pattern valid;
    private final int maxLength;

    NameRule(Pattern valid, int maxLength) {
        this.valid = valid;
        this.maxLength = maxLength;
    }

    public boolean accepts(String name) {
        return valid == null || valid.matcher(name).matches();
    }

    /** The name itself when the rule accepts it, else its deterministic short form. */
    public String shorten(String name) {
        if (accepts(name)) {
            return name;
        }
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < name.length() && kept.length() < maxLength - HASH - 1; i++) {
            char c = name.charAt(i);
            kept.append(allowed(c) ? c : '_');
        }
        if (this == GEMINI && !kept.isEmpty() && !Character.isLetter(kept.charAt(0)) && kept.charAt(0) != '_') {
            kept.setCharAt(0, '_');
        }
        return kept.append('_').append(Digests.hex(name, HASH)).toString();
    }

    private boolean allowed(char c) {
        boolean basic = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
        return basic || this == GEMINI && (c == '.' || c == ':');
    }
}
