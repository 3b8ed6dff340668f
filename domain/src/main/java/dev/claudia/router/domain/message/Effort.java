package dev.claudia.router.domain.message;

import java.util.Locale;
import java.util.Optional;

/** Anthropic {@code output_config.effort}: how hard the model should work. */
public enum Effort {
    LOW, MEDIUM, HIGH, XHIGH, MAX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Effort> fromWire(String value) {
        for (Effort e : values()) {
            if (e.wireName().equals(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
