package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.port.FailureKind;

import java.time.Duration;

/** One provider's way of saying something in an error, read into what the caller should see. */
@FunctionalInterface
public interface ErrorRule {

    /**
     * @param status  the HTTP status (or the in-band error's code)
     * @param error   the error object, when the body had one (fields such as llama.cpp's {@code n_ctx}); may be null
     * @param message the provider's message
     * @return a reading, or null when this rule does not apply
     */
    Reading read(int status, JsonNode error, String message, Facts facts);

    /** What the request asked for, for messages that need numbers the provider left out. */
    record Facts(int promptTokens, int maxTokens) {}

    /**
     * @param kind       what the caller's error type follows from
     * @param message    the whole message the caller sees, or null to keep the router's usual wording
     * @param retryAfter how long to wait, read from the text; null when it says nothing
     */
    record Reading(FailureKind kind, String message, Duration retryAfter) {}
}
