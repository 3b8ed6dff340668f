package dev.claudia.router.adapters.provider.responses;

import dev.claudia.router.provider.support.OptionsReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the {@code openai-responses} adapter words requests for one route: config.json's
 * {@code backends.<name>.options}, overridden key by key by {@code modelProfiles.<alias>.options}.
 *
 * @param store            send {@code store: true}: the provider keeps each response, and earlier
 *                         reasoning goes back by id. Off by default: nothing is kept at the provider,
 *                         and reasoning goes back as the encrypted content it returned
 * @param reasoning        whether the model takes a {@code reasoning} object (non-reasoning models
 *                         such as gpt-4.1 reject it)
 * @param reasoningSummary the {@code reasoning.summary} to ask for when the caller wants thinking;
 *                         {@code NONE} asks for none (reasoning then comes back as redacted thinking)
 * @param serviceTier      {@code service_tier}, or null to leave the provider's default
 * @param sendSampling     send {@code temperature} and {@code top_p}; off by default because reasoning
 *                         models reject them
 */
public record OpenAiResponsesOptions(boolean store, ReasoningMode reasoning, Summary reasoningSummary, String serviceTier,
                                     boolean sendSampling) {

    public static final OpenAiResponsesOptions DEFAULT =
            new OpenAiResponsesOptions(false, ReasoningMode.EFFORT, Summary.AUTO, null, false);

    /** OpenAI's {@code service_tier} values. */
    static final List<String> SERVICE_TIERS = List.of("auto", "default", "flex", "scale", "priority", "fast", "ultrafast");

    private static final Map<String, Boolean> SAMPLING = new LinkedHashMap<>();

    static {
        SAMPLING.put("drop", false);
        SAMPLING.put("send", true);
    }

    /** Reads every key (problems stay in the reader); what is absent comes from {@code base}. */
    public static OpenAiResponsesOptions read(OptionsReader options, OpenAiResponsesOptions base) {
        Map<String, String> tiers = new LinkedHashMap<>();
        SERVICE_TIERS.forEach(t -> tiers.put(t, t));
        return new OpenAiResponsesOptions(
                options.bool("store", base.store()),
                options.choice("reasoning", ReasoningMode.BY_NAME, base.reasoning()),
                options.choice("reasoningSummary", Summary.BY_NAME, base.reasoningSummary()),
                options.choice("serviceTier", tiers, base.serviceTier()),
                options.choice("sampling", SAMPLING, base.sendSampling()));
    }

    /** Whether requests carry a {@code reasoning} object. */
    public enum ReasoningMode {
        /** {@code reasoning: {effort, summary}} from the caller's thinking and effort. */
        EFFORT("effort"),
        /** Never: the caller's thinking is reported as dropped. */
        NONE("none");

        static final Map<String, ReasoningMode> BY_NAME = byName(values(), m -> m.configName);

        private final String configName;

        ReasoningMode(String configName) {
            this.configName = configName;
        }
    }

    /** {@code reasoning.summary}: how much of its reasoning the model summarizes for the caller. */
    public enum Summary {
        AUTO("auto"), CONCISE("concise"), DETAILED("detailed"), NONE("none");

        static final Map<String, Summary> BY_NAME = byName(values(), s -> s.wireName);

        private final String wireName;

        Summary(String wireName) {
            this.wireName = wireName;
        }

        /** The wire value, or null for {@code NONE}. */
        public String wire() {
            return this == NONE ? null : wireName;
        }
    }

    private static <E> Map<String, E> byName(E[] values, Function<E, String> name) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) {
            map.put(name.apply(value), value);
        }
        return map;
    }
}
