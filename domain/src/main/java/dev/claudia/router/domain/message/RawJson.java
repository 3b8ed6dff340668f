package dev.claudia.router.domain.message;

import java.util.Objects;

/**
 * A JSON value kept as compact text: tool inputs, tool schemas and provider extra bodies.
 *
 * <p>The domain never interprets these values, it only carries them between the adapters, so the
 * text form avoids a JSON library here and round-trips every value exactly. Adapters that create a
 * {@code RawJson} are responsible for it being valid JSON.
 */
public record RawJson(String text) {
    public static final RawJson EMPTY_OBJECT = new RawJson("{}");

    public RawJson {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
