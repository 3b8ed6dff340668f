package dev.claudia.router.adapters.provider.openai.dialect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Tool-use ids that carry what the client cannot hold in a plain id. Anthropic requires tool-use ids
 * of {@code [A-Za-z0-9_-]}, and a conversation may later go to Anthropic itself: a provider id with
 * other characters (Kimi's {@code functions.Bash:0}) is carried as {@code toolu_b64_<base64url>}
 * and given back to the provider as it was. And a provider's signature for the call (Gemini's thought signature, which
 * must come back with the call in later requests or Gemini 3 answers 400 "Function call is missing a
 * thought_signature in functionCall parts"). Clients echo tool-use ids verbatim, in the
 * {@code tool_use} block and in the {@code tool_result}, so the id is where the signature travels:
 * no state in the router, and it survives a restart, a fallback and a switch to another model and
 * back.
 *
 * <p>Form: {@code toolu_ts<n>_<payload>_<provider id>}, where the payload is the signature's UTF-8
 * bytes in unpadded base64url (exact, whatever the signature's own alphabet) and {@code n} its
 * length. Every character is in {@code [A-Za-z0-9_-]}, which Anthropic requires of tool-use ids, so
 * such an id is valid anywhere; providers with shorter id rules get a digest of it ({@link IdRule}).
 */
public final class SignedToolIds {

    static final String PREFIX = "toolu_ts";
    static final String CARRIED = "toolu_b64_";
    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    private SignedToolIds() {}

    /** A provider's call id and the signature it came with; {@code signature} is null for plain ids. */
    public record Decoded(String providerId, String signature) {}

    /**
     * @param providerId the provider's id for the call, made of {@code [A-Za-z0-9_-]}
     * @param signature  the provider's opaque signature
     */
    public static String encode(String providerId, String signature) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(signature.getBytes(StandardCharsets.UTF_8));
        return PREFIX + payload.length() + "_" + payload + "_" + providerId;
    }

    /** True when {@code id} can be a tool-use id as it is. */
    public static boolean safe(String id) {
        return SAFE.matcher(id).matches();
    }

    /** A provider id with characters a tool-use id cannot have, in a form that can ({@link #decode} undoes it). */
    public static String carry(String providerId) {
        return CARRIED + Base64.getUrlEncoder().withoutPadding().encodeToString(providerId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The provider id and signature in {@code id}; an id made by neither {@link #encode} nor
     * {@link #carry} comes back as it is.
     */
    public static Decoded decode(String id) {
        if (id.startsWith(CARRIED)) {
            try {
                return new Decoded(new String(Base64.getUrlDecoder().decode(id.substring(CARRIED.length())),
                        StandardCharsets.UTF_8), null);
            } catch (IllegalArgumentException notOurs) {
                return new Decoded(id, null);
            }
        }
        if (!id.startsWith(PREFIX)) {
            return new Decoded(id, null);
        }
        int digitsEnd = id.indexOf('_', PREFIX.length());
        if (digitsEnd < 0 || digitsEnd == PREFIX.length() || digitsEnd - PREFIX.length() > 9) {
            return new Decoded(id, null);
        }
        try {
            int length = Integer.parseInt(id.substring(PREFIX.length(), digitsEnd));
            int payloadEnd = digitsEnd + 1 + length;
            if (payloadEnd + 1 >= id.length() || id.charAt(payloadEnd) != '_') {
                return new Decoded(id, null);
            }
            byte[] signature = Base64.getUrlDecoder().decode(id.substring(digitsEnd + 1, payloadEnd));
            return new Decoded(id.substring(payloadEnd + 1), new String(signature, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notOurs) {
            return new Decoded(id, null);
        }
    }
}
