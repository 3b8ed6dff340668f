package dev.claudia.router.bootstrap.check;

import dev.claudia.router.domain.port.ProviderFailure;

/**
 * A provider failure in the words of a check's verdict: what happened and what to change, short
 * enough for one line ({@code 401 from nvidia: NVIDIA_API_KEY rejected}). The failure's own message,
 * which quotes the provider, is shown beside it.
 */
final class Reasons {

    private Reasons() {}

    static String of(ProviderFailure failure, ProfileTarget target) {
        String from = (failure.upstreamStatus() > 0 ? failure.upstreamStatus() + " from " : "from ") + target.backend();
        return switch (failure.kind()) {
            case AUTHENTICATION -> target.apiKeyEnv() != null
                    ? from + ": " + target.apiKeyEnv() + " rejected; check the key, or set a new one"
                    : from + ": it wants a key; set backends." + target.backend() + ".apiKeyEnv";
            case PERMISSION -> from + ": " + key(target) + " may not use " + target.providerModel();
            case BILLING -> from + ": the account of " + key(target) + " is out of credits";
            case NOT_FOUND -> from + ": no model '" + target.providerModel() + "'; check modelProfiles." + target.alias()
                    + ".providerModel";
            case UNREACHABLE -> "cannot reach " + target.backend() + " at " + target.baseUrl()
                    + ": is it running? check backends." + target.backend() + ".baseUrl";
            case TIMEOUT -> target.backend() + " did not answer in time (a slow or overloaded backend; --timeout waits longer)";
            case RATE_LIMITED -> from + ": rate limited" + (failure.retryAfter() == null ? ""
                    : ", retry after " + failure.retryAfter().toSeconds() + " s") + "; try again later";
            case OVERLOADED, SERVER_ERROR -> from + ": the provider failed; try again later";
            case INVALID_REQUEST, CONTEXT_TOO_LONG, REQUEST_TOO_LARGE -> from + ": the request was refused; check modelProfiles."
                    + target.alias() + " (extraBody, options) against what " + target.backend() + " accepts";
            case MALFORMED_RESPONSE -> target.backend() + " answered something the " + target.adapter()
                    + " adapter cannot read";
            case UNSUPPORTED -> "the " + target.adapter() + " adapter cannot send this request";
        };
    }

    private static String key(ProfileTarget target) {
        return target.apiKeyEnv() != null ? target.apiKeyEnv() : "the key";
    }
}
