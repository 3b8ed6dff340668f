package dev.claudia.router.adapters.provider.openai.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Signatures for thinking blocks. Anthropic signs its thinking so it can verify it when a client
 * sends it back; clients require a non-empty signature and echo it. Providers sign nothing, so the
 * router makes one: {@code claudia.} plus a digest of the text. The prefix makes it recognisably
 * ours, so it is never passed off as Anthropic's.
 */
public final class ThinkingSignatures {

    public static final String PREFIX = "claudia.";

    private ThinkingSignatures() {}

    public static String sign(String thinking) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(thinking.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean isOurs(String signature) {
        return signature != null && signature.startsWith(PREFIX);
    }

    /**
     * True when {@code signature} is the router's for exactly this text: the block is a provider's
     * reasoning as the router passed it on, not altered and not someone else's.
     */
    public static boolean verify(String thinking, String signature) {
        return isOurs(signature) && sign(thinking).equals(signature);
    }
}
