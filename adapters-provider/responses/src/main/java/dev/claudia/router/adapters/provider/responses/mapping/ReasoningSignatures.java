package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a thinking block (its {@code signature}) or a redacted thinking block (its {@code data}) made
 * from a Responses reasoning item carries, so the client's next request can send the item back: the
 * item's id and, without {@code store}, the encrypted content the provider returned. Anthropic
 * clients treat both fields as opaque and echo them unchanged.
 *
 * <p>Format: {@code claudia-responses.} + base64url of {@code {"src":tag,"id":...,"enc":...}}. The
 * prefix makes the value recognisably this adapter's (never passed off as Anthropic's, and distinct
 * from the chat adapter's {@code claudia.} digests). {@code tag} names the backend and model that
 * made the reasoning: encrypted reasoning only decrypts where it was made (another provider, account
 * or model answers 400), so an item is only sent back to the same backend and model.
 */
public final class ReasoningSignatures {

    public static final String PREFIX = "claudia-responses.";

    private ReasoningSignatures() {}

    /** A reasoning item as carried by a block. {@code encryptedContent} may be null (with {@code store}). */
    public record Carried(String source, String id, String encryptedContent) {}

    /** The tag of reasoning made by {@code providerModel} on {@code backend}: a short digest of both. */
    public static String source(String backend, String providerModel) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((backend + "\n" + providerModel).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String encode(Carried carried) {
        ObjectNode payload = ResponsesJson.MAPPER.createObjectNode().put("src", carried.source()).put("id", carried.id());
        if (carried.encryptedContent() != null) {
            payload.put("enc", carried.encryptedContent());
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code value} carries, or empty when it is not one of this adapter's (another model's, Anthropic's...). */
    public static Optional<Carried> decode(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String json;
        try {
            json = new String(Base64.getUrlDecoder().decode(value.substring(PREFIX.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        JsonNode payload = ResponsesJson.object(json);
        String source = ResponsesJson.text(payload, "src");
        String id = ResponsesJson.text(payload, "id");
        if (source == null || id == null) {
            return Optional.empty();
        }
        return Optional.of(new Carried(source, id, ResponsesJson.text(payload, "enc")));
    }
}
