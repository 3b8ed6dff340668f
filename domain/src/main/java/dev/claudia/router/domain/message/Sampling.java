package dev.claudia.router.domain.message;

/** Sampling parameters; a null field was not set by the caller and is not sent upstream. */
public record Sampling(Double temperature, Double topP, Integer topK) {
    public static final Sampling DEFAULT = new Sampling(null, null, null);
}
