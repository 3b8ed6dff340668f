package dev.claudia.router.provider.spi;

import java.util.Objects;

/**
 * Something wrong with an adapter's options, for the start-up report.
 *
 * @param path       where, relative to the options object ({@code "reasoning"}, {@code "dropBetas.2"};
 *                   empty for the object itself)
 * @param message    what is wrong, in words a user can act on ({@code must be one of "a", "b"})
 * @param unknownKey true when the key is simply not one the adapter knows. The router reports those
 *                   as errors in {@code options}, but only warns about them where config.json has
 *                   always tolerated free-form keys (the legacy {@code capabilities} object)
 */
public record OptionProblem(String path, String message, boolean unknownKey) {
    public OptionProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static OptionProblem invalid(String path, String message) {
        return new OptionProblem(path, message, false);
    }

    public static OptionProblem unknown(String path) {
        return new OptionProblem(path, "unknown option", true);
    }
}
