package dev.claudia.router.adapters.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys clients may present ({@code x-api-key} or {@code Authorization: Bearer}). With none, any
 * non-empty credential passes (the router is local). A presented key is hashed and compared with
 * every accepted key's hash in constant time, all of them every time, so neither the position of a
 * matching key nor the length of any key shows in the time an answer takes.
 *
 * <p>{@link #proofs} lets a launcher check that a router holds a key without sending it: see
 * docs/security.md, "Launcher trust".
 */
public final class ClientKeys {

    private static final ClientKeys NONE = new ClientKeys(List.of());

    private final List<byte[]> keys;
    private final List<byte[]> digests;

    private ClientKeys(List<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.digests = this.keys.stream().map(ClientKeys::sha256).toList();
    }

    public static ClientKeys none() {
        return NONE;
    }

    /** Blank values are ignored, repeated ones kept once. */
    public static ClientKeys of(Collection<String> keys) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String key : keys) {
            if (key != null && !key.isBlank()) {
                kept.add(key.strip());
            }
        }
        return kept.isEmpty() ? NONE : new ClientKeys(List.copyOf(kept));
    }

    /** True when callers must present one of the keys. */
    public boolean required() {
        return !keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    public boolean accepts(String presented) {
        byte[] digest = sha256(presented.getBytes(StandardCharsets.UTF_8));
        boolean accepted = false;
        for (byte[] known : digests) {
            accepted |= MessageDigest.isEqual(known, digest);
        }
        return accepted;
    }

    /**
     * For each key, HMAC-SHA256 over {@code claudia-proof|<port>|<nonce>} (base64url): a launcher that
     * knows a key computes the same value and so learns, without sending the key, that the router on
     * that port holds it. The port is the one the router listens on, so a process that relays the
     * challenge to a real router on another port gets a proof that does not match.
     */
    public List<String> proofs(int port, String nonce) {
        List<String> proofs = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            proofs.add(proof(key, port, nonce));
        }
        return proofs;
    }

    /** The proof a router holding {@code key} gives for this port and nonce. */
    public static String proof(String key, int port, String nonce) {
        return proof(key.getBytes(StandardCharsets.UTF_8), port, nonce);
    }

    private static String proof(byte[] key, int port, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(("claudia-proof|" + port + "|" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ClientKeys[" + keys.size() + "]"; // never the values
    }
}
