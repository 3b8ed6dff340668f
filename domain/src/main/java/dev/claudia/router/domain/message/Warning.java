package dev.claudia.router.domain.message;

import java.util.Objects;

/**
 * Something of the request that could not be carried to the provider and was left out, such as
 * {@code cache_control} or a server tool. Adapters report them instead of dropping silently; the
 * request log line lists them.
 *
 * @param field  what was dropped, as a short JSON-ish path (e.g. {@code context_management})
 * @param reason why, in a few words
 */
public record Warning(String field, String reason) {
    public Warning {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
