package dev.claudia.router.adapters.provider.openai.dialect;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.port.ProviderCall;

import java.util.Map;

/**
 * The dialect's rules applied to one call: the options in force, the request's tool names (short
 * forms and back) and the id rule for the route's model. Made once per attempt; the request mapper
 * uses it on the way up, the answer and stream translation on the way back.
 */
public final class CallRules {

    /**
     * What Gemini accepts in place of a thought signature for a call it did not make (history from
     * another model): "skip_thought_signature_validator", per Google's thought-signature FAQ.
     */
    public static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private final ProviderCall call;
    private final OpenAiChatOptions options;
    private final ToolNames names;
    private final IdRule ids;

    private CallRules(ProviderCall call, OpenAiChatOptions options) {
        this.call = call;
        this.options = options;
        this.names = ToolNames.of(call.request(), options.dialect().toolNames());
        this.ids = options.dialect().toolIdsFor(call.route().providerModel());
    }

    public static CallRules of(ProviderCall call, OpenAiChatOptions options) {
        return new CallRules(call, options);
    }

    public ProviderCall call() {
        return call;
    }

    public OpenAiChatOptions options() {
        return options;
    }

    public Dialect dialect() {
        return options.dialect();
    }

    public ToolNames names() {
        return names;
    }

    /**
     * The id the provider gets for a tool call the client knows as {@code clientId}: the provider's
     * own id when the client's carries one ({@link SignedToolIds}; a signed one only for Gemini, which
     * gets the signature beside it), then made to fit the dialect's rule.
     */
    public String upstreamId(String clientId) {
        SignedToolIds.Decoded decoded = SignedToolIds.decode(clientId);
        String id = decoded.signature() == null || dialect().thoughtSignatures() ? decoded.providerId() : clientId;
        return ids.upstream(id);
    }

    /**
     * Gemini's {@code extra_content} for a call in the history: the signature it came with, else
     * (only for the first call of an assistant turn, the one Gemini checks) the documented skip
     * value; null for other dialects and other calls.
     */
    public Map<String, Object> extraContent(String clientId, boolean firstOfTurn) {
        if (!dialect().thoughtSignatures()) {
            return null;
        }
        String signature = SignedToolIds.decode(clientId).signature();
        if (signature == null && !firstOfTurn) {
            return null;
        }
        return Map.of("google", Map.of("thought_signature", signature != null ? signature : SKIP_SIGNATURE));
    }

    /** True when the request turned thinking off: no earlier reasoning goes up then. */
    public boolean thinkingOff() {
        return call.request().thinking() instanceof ThinkingConfig.Disabled;
    }

    /** The {@code max_tokens} cap of the dialect for this model, unless the profile declares its own limit. */
    public int outputCap() {
        return call.route().limits().maxOutputTokens() > 0 ? 0 : dialect().outputCap().tokens(call.route().providerModel());
    }
}
