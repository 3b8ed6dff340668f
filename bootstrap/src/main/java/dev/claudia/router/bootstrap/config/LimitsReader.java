package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.routing.ModelLimits;

import java.util.function.BiConsumer;

/**
 * Reads a profile's {@code contextWindow} and {@code maxOutputTokens}. Both are optional (absent or
 * 0: not declared). The output limit may still come from the legacy
 * {@code capabilities.maxOutputTokens}, with a warning saying where it belongs now; both at once
 * with different values is a problem, since the router cannot know which one the user meant.
 */
final class LimitsReader {

    /** Claude Code ignores windows below 100k; anything under 1,024 tokens is surely a typo. */
    static final int MIN_WINDOW = 1_024;
    static final int MAX_WINDOW = 100_000_000;

    private final String path;
    private final BiConsumer<String, String> problem;
    private final BiConsumer<String, String> warning;

    LimitsReader(String path, BiConsumer<String, String> problem, BiConsumer<String, String> warning) {
        this.path = path;
        this.problem = problem;
        this.warning = warning;
    }

    ModelLimits read(JsonNode profile) {
        int window = tokens(profile.get("contextWindow"), path + ".contextWindow", MIN_WINDOW);
        int output = tokens(profile.get("maxOutputTokens"), path + ".maxOutputTokens", 1);
        JsonNode capabilities = profile.get("capabilities");
        JsonNode legacy = capabilities != null && capabilities.isObject() ? capabilities.get("maxOutputTokens") : null;
        if (legacy != null) {
            int old = tokens(legacy, path + ".capabilities.maxOutputTokens", 1);
            if (profile.has("maxOutputTokens") && old != output) {
                problem.accept(path + ".capabilities.maxOutputTokens", "contradicts " + path + ".maxOutputTokens ("
                        + old + " vs " + output + "); keep only " + path + ".maxOutputTokens");
            } else if (!profile.has("maxOutputTokens")) {
                warning.accept(path + ".capabilities.maxOutputTokens", "deprecated: move it to " + path + ".maxOutputTokens");
                output = old;
            }
        }
        if (window > 0 && output >= window) {
            problem.accept(path + ".maxOutputTokens", "must be smaller than contextWindow (" + window + "), got " + output);
            output = 0;
        }
        return new ModelLimits(window, output);
    }

    /** 0 or absent: not declared; otherwise between {@code min} and {@link #MAX_WINDOW}. */
    private int tokens(JsonNode value, String at, int min) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem.accept(at, "must be an integer (a number of tokens; 0 means not declared)");
            return 0;
        }
        int n = value.intValue();
        if (n != 0 && (n < min || n > MAX_WINDOW)) {
            problem.accept(at, "must be 0 (not declared) or between " + min + " and " + MAX_WINDOW + ", got " + n);
            return 0;
        }
        return n;
    }
}
