package dev.claudia.router.fakeopenai.dialects;

/** A provider's answer to a request it refuses: the status and the exact body it sends. */
public record Refusal(int status, String body) {}
