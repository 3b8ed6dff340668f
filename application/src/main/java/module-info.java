/**
 * The use cases: answer a message request by routing it to a provider, retrying with backoff
 * and falling back between routes before anything reached the caller, and writing one log line
 * per request. Resilience4j is confined to this module ({@code AttemptPolicy}: retries; {@code BackendGate}:
 * bulkhead and rate limiter); Caffeine holds the session affinity table ({@code SessionAffinity}).
 */
module dev.claudia.router.application {
    requires transitive dev.claudia.router.domain;
    requires io.github.resilience4j.retry;
    requires io.github.resilience4j.core;
    requires io.github.resilience4j.bulkhead;
    requires io.github.resilience4j.ratelimiter;
    requires com.github.benmanes.caffeine;

    exports dev.claudia.router.application;
}
