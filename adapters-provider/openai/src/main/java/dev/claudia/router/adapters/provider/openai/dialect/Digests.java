package dev.claudia.router.adapters.provider.openai.dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short deterministic digests for names and ids: the same input gives the same output in every request. */
final class Digests {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Digests() {}

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The first {@code length} hex digits of the text's SHA-256. */
    static String hex(String text, int length) {
        return HexFormat.of().formatHex(sha256(text)).substring(0, length);
    }

    /** {@code length} (at most 32) alphanumeric characters derived from the text's SHA-256. */
    static String base62(String text, int length) {
        byte[] digest = sha256(text);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62[(digest[i] & 0xff) % BASE62.length]);
        }
        return out.toString();
    }
}
