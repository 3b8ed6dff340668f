package dev.claudia.router.provider.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The caller's end-user id as providers get it. Claude Code puts a JSON document with device, account
 * and session ids in {@code metadata.user_id}; providers only need a stable opaque id (OpenAI caps
 * its length and asks for a hash), and the ids are none of their business.
 */
public final class UserIds {

    private UserIds() {}

    /** The first 32 hex digits of the SHA-256 of {@code userId}. */
    public static String hashed(String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
