package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.support.RetryAfter;
import dev.claudia.router.provider.support.Upstream;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Anthropic's {@code GET {baseUrl}/models}: pages of {@code {"data":[{"type":"model","id":...}],
 * "has_more":..,"last_id":..}}, followed with {@code after_id}. It needs the key and
 * {@code anthropic-version} like every Anthropic endpoint, so a list also proves the key.
 * Anthropic-format endpoints of other providers often have no list (404): that is said so.
 */
final class AnthropicModels {

    /** Anthropic's largest page. */
    private static final int PAGE = 1000;
    /** A bound on a misbehaving upstream whose every page says has_more. */
    private static final int MAX_PAGES = 20;

    private AnthropicModels() {}

    /** @param request adds the key and version headers to a request for {@code target} */
    static List<String> fetch(Upstream upstream, Function<WebTarget, Invocation.Builder> request, AnthropicErrors errors,
                              ObjectMapper json, Clock clock) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            WebTarget target = upstream.target("models").queryParam("limit", PAGE);
            if (after != null) {
                target = target.queryParam("after_id", after);
            }
            try (Response response = upstream.get(request.apply(target))) {
                byte[] body = upstream.readWhole(response);
                int status = response.getStatus();
                if (status == 404 || status == 405) {
                    throw new ProviderException(new ProviderFailure(FailureKind.NOT_FOUND, "backend '" + upstream.backend()
                            + "' has no model list (GET " + upstream.baseUrl() + "/models: HTTP " + status + ")",
                            upstream.backend(), status, null));
                }
                if (status < 200 || status >= 300) {
                    throw new ProviderException(errors.fromStatus(status, body, Map.of(),
                            RetryAfter.parse(response.getHeaderString("retry-after"), null, clock), "-"));
                }
                JsonNode list = parse(json, body, upstream.backend());
                list.get("data").forEach(model -> {
                    if (model.path("id").isTextual()) {
                        ids.add(model.get("id").textValue());
                    }
                });
                after = list.path("last_id").isTextual() ? list.get("last_id").textValue() : null;
                if (!list.path("has_more").asBoolean(false) || after == null) {
                    return ids;
                }
            }
        }
        return ids;
    }

    private static JsonNode parse(ObjectMapper json, byte[] body, String backend) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.path("data").isArray()) {
                return node;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                + "' answered GET /models with something that is not a model list"));
    }
}
