package dev.claudia.router.bootstrap.check;

import dev.claudia.router.domain.port.ProviderFailure;

import java.util.Map;

/**
 * What one probe came back with.
 *
 * @param answer  the answer, null when the request failed
 * @param failure why it failed, null when it was answered
 * @param millis  from sending it to the end of the answer
 * @param dropped what the adapter could not carry, by field, with its reason ({@code thinking},
 *                {@code tools}...)
 */
public record Outcome(Answer answer, ProviderFailure failure, long millis, Map<String, String> dropped) {
    public Outcome {
        if ((answer == null) == (failure == null)) {
            throw new IllegalArgumentException("an answer or a failure");
        }
        dropped = Map.copyOf(dropped);
    }

    public static Outcome answered(Answer answer, long millis, Map<String, String> dropped) {
        return new Outcome(answer, null, millis, dropped);
    }

    public static Outcome failed(ProviderFailure failure, long millis, Map<String, String> dropped) {
        return new Outcome(null, failure, millis, dropped);
    }
}
