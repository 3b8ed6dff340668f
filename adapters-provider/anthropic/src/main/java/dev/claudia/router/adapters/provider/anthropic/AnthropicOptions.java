package dev.claudia.router.adapters.provider.anthropic;

import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.support.OptionsReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code anthropic} adapter's options. Backend level ({@code backends.<name>.options}): all of
 * them. Profile level ({@code modelProfiles.<alias>.options}): {@code dropBetas}, added to the
 * backend's.
 *
 * @param auth             how the backend's key goes up: {@code x-api-key} (Anthropic) or
 *                         {@code Authorization: Bearer} (OpenRouter, Moonshot and others)
 * @param dropBetas        {@code anthropic-beta} flags not to send on, for upstreams that reject
 *                         betas they do not know: exact names, {@code prefix*}, or {@code *} for all
 * @param countTokens      forward {@code count_tokens} upstream (else, and when the upstream has no
 *                         such endpoint, the router counts locally)
 * @param anthropicVersion the {@code anthropic-version} sent when the caller sent none
 */
public record AnthropicOptions(Auth auth, List<String> dropBetas, boolean countTokens, String anthropicVersion) {

    public static final AnthropicOptions DEFAULT = new AnthropicOptions(Auth.X_API_KEY, List.of(), true, "2023-06-01");

    public AnthropicOptions {
        Objects.requireNonNull(auth, "auth");
        dropBetas = List.copyOf(dropBetas);
        Objects.requireNonNull(anthropicVersion, "anthropicVersion");
    }

    /** How the key is sent. */
    public enum Auth {
        X_API_KEY, BEARER;

        static final Map<String, Auth> BY_NAME;

        static {
            Map<String, Auth> byName = new LinkedHashMap<>();
            byName.put("x-api-key", X_API_KEY);
            byName.put("bearer", BEARER);
            BY_NAME = Collections.unmodifiableMap(byName);
        }
    }

    /** Reads the keys of {@code scope} over {@code base}; problems stay in the reader. */
    public static AnthropicOptions read(OptionsReader options, OptionScope scope, AnthropicOptions base) {
        boolean backend = scope == OptionScope.BACKEND;
        Auth auth = backend ? options.choice("auth", Auth.BY_NAME, base.auth()) : base.auth();
        List<String> drop = new ArrayList<>(base.dropBetas());
        drop.addAll(options.texts("dropBetas"));
        return new AnthropicOptions(auth, drop, backend ? options.bool("countTokens", base.countTokens()) : base.countTokens(),
                backend ? options.text("anthropicVersion", base.anthropicVersion()) : base.anthropicVersion());
    }

    /** True when the flag must not go up. */
    boolean drops(String beta) {
        for (String rule : dropBetas) {
            if (rule.endsWith("*") ? beta.startsWith(rule.substring(0, rule.length() - 1)) : beta.equals(rule)) {
                return true;
            }
        }
        return false;
    }
}
