package dev.claudia.router.bootstrap.check;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything {@code claudia check} found about one profile: a verdict per capability, and the
 * tokens its requests spent as the provider reported them.
 */
public record ProfileReport(ProfileTarget target, Map<Capability, Verdict> verdicts, int inputTokens, int outputTokens) {

    public ProfileReport {
        EnumMap<Capability, Verdict> copy = new EnumMap<>(Capability.class);
        copy.putAll(verdicts);
        for (Capability capability : Capability.values()) {
            if (!copy.containsKey(capability)) {
                throw new IllegalArgumentException("no verdict for " + capability);
            }
        }
        verdicts = Collections.unmodifiableMap(copy);
    }

    public Verdict verdict(Capability capability) {
        return verdicts.get(capability);
    }

    /** True when any check failed: the profile does not work as configured. */
    public boolean failed() {
        return verdicts.values().stream().anyMatch(v -> v.status() == Verdict.Status.FAIL);
    }
}
