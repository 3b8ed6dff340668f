package dev.claudia.router.adapters.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.mapping.Failures;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.support.RetryAfter;
import dev.claudia.router.provider.support.Upstream;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's {@code GET {baseUrl}/models} ({@code {"object":"list","data":[{"id":...}, ...]}}), which
 * NIM, OpenRouter, Groq, vLLM, llama.cpp, LM Studio and Ollama serve too. Some serve it without a
 * key, so a list says the backend is reachable, not that the key is good.
 */
final class ModelList {

    private ModelList() {}

    static List<String> fetch(Upstream upstream, BackendSettings settings, Clock clock) {
        var request = upstream.target("models").request().accept(MediaType.APPLICATION_JSON_TYPE);
        if (settings.apiKey() != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
        }
        try (Response response = upstream.get(request)) {
            byte[] body = upstream.readWhole(response);
            int status = response.getStatus();
            if (status == 404 || status == 405) {
                throw new ProviderException(new ProviderFailure(FailureKind.NOT_FOUND, "backend '" + settings.name()
                        + "' has no model list (GET " + settings.baseUrl() + "/models: HTTP " + status + ")",
                        settings.name(), status, null));
            }
            if (status < 200 || status >= 300) {
                throw new ProviderException(Failures.fromStatus(status, body,
                        RetryAfter.parse(response.getHeaderString("retry-after"), null, clock), settings.name(), "-",
                        settings.apiKeyEnv(), 0));
            }
            return ids(body, settings.name());
        }
    }

    private static List<String> ids(byte[] body, String backend) {
        JsonNode data;
        try {
            data = ProviderJson.MAPPER.readTree(body).path("data");
        } catch (IOException e) {
            data = null;
        }
        if (data == null || !data.isArray()) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' answered GET /models with something that is not a model list"));
        }
        List<String> ids = new ArrayList<>();
        data.forEach(model -> {
            if (model.path("id").isTextual()) {
                ids.add(model.get("id").textValue());
            }
        });
        return ids;
    }
}
