package dev.claudia.router.adapters.provider.openai.dialect;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which tool-call ids a provider accepts in the history it is sent. An id it rejects is replaced by
 * one derived from it (a digest), the same way in the assistant's {@code tool_calls[].id} and in
 * the {@code tool} message's {@code tool_call_id}, so the pairs still match and nothing needs to be
 * remembered: a conversation can move between providers and back. Ids in answers are the
 * provider's own, which the rule accepts by definition, so the client only ever sees real ids.
 */
public enum IdRule {
    /**
     * OpenAI: "Invalid 'messages[2].tool_calls[0].id': string too long. Expected a string with
     * maximum length 40". Longer or unusual ids (Gemini's carry thought signatures, some gateways
     * mint 44-character ones) become {@code call_} and 24 alphanumerics.
     */
    OPENAI(Pattern.compile("[a-zA-Z0-9_-]{1,40}")) {
        @Override
        String derive(String id) {
            return "call_" + Digests.base62(id, 24);
        }
    },
    /**
     * Servers that run the model's own chat template (NIM, vLLM, llama.cpp, LM Studio, Ollama): ids
     * pass as they are, Kimi's {@code functions.Bash:0} included (its template reads them), unless
     * they are long (a Gemini id that carries a signature would cost hundreds of prompt tokens).
     */
    TEMPLATE(Pattern.compile("[a-zA-Z0-9_.:-]{1,64}")) {
        @Override
        String derive(String id) {
            return "call_" + Digests.base62(id, 24);
        }
    },
    /** Mistral's tokenizer: "Tool call id was ... but must be a-z, A-Z, 0-9, with a length of 9." */
    MISTRAL(Pattern.compile("[a-zA-Z0-9]{9}")) {
        @Override
        String derive(String id) {
            return Digests.base62(id, 9);
        }
    };

    private static final Pattern MISTRAL_FAMILY =
            Pattern.compile("mistral|mixtral|devstral|magistral|ministral|codestral|pixtral");

    private final Pattern valid;

    IdRule(Pattern valid) {
        this.valid = valid;
    }

    abstract String derive(String id);

    public boolean accepts(String id) {
        return valid.matcher(id).matches();
    }

    /** The id to send upstream for the client's {@code id}. */
    public String upstream(String id) {
        return accepts(id) ? id : derive(id);
    }

    /** Models whose chat template validates ids the Mistral way, wherever they are served. */
    static boolean isMistralModel(String providerModel) {
        return providerModel != null && MISTRAL_FAMILY.matcher(providerModel.toLowerCase(Locale.ROOT)).find();
    }
}
