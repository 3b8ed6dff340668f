package dev.claudia.router.adapters.provider.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.responses.mapping.Failures;
import dev.claudia.router.adapters.provider.responses.mapping.RequestMapper;
import dev.claudia.router.adapters.provider.responses.mapping.ResponseMapper;
import dev.claudia.router.adapters.provider.responses.mapping.ResponsesJson;
import dev.claudia.router.adapters.provider.responses.stream.ResponsesEventStream;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.MessageEvents;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.provider.support.RetryAfter;
import dev.claudia.router.provider.support.RouteOptions;
import dev.claudia.router.provider.support.Upstream;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * One Responses API backend, {@code POST {baseUrl}/responses}, over the Jersey client. Translates each
 * call with the mappers, reports every failure as a {@link ProviderException}, and never retries (the
 * application does).
 */
final class OpenAiResponsesProvider implements ChatProvider {

    private static final MediaType EVENT_STREAM = MediaType.valueOf("text/event-stream");

    private final BackendSettings settings;
    private final RouteOptions<OpenAiResponsesOptions> options;
    private final IdGenerator ids;
    private final TokenCounter tokens;
    private final Clock clock;
    private final Upstream upstream;
    private final WebTarget responses;

    OpenAiResponsesProvider(BackendSettings settings, OpenAiResponsesOptions backendOptions, ProviderServices services) {
        this.settings = settings;
        this.options = new RouteOptions<>(backendOptions, OpenAiResponsesOptions::read);
        this.ids = services.ids();
        this.tokens = services.tokens();
        this.clock = services.clock();
        this.upstream = new Upstream(settings.name(), settings.baseUrl(), services); // with the upstream bounds
        this.responses = upstream.target("responses");
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        OpenAiResponsesOptions options = this.options.of(call.route());
        try (Response response = post(RequestMapper.body(call, options, false), MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = upstream.readBody(response);
            requireSuccess(response, body, call);
            return ResponseMapper.toMessage(parse(body), call, options.store(), ids, tokens);
        }
    }

    @Override
    public EventStream stream(ProviderCall call) {
        OpenAiResponsesOptions options = this.options.of(call.route());
        Response response = post(RequestMapper.body(call, options, true), EVENT_STREAM);
        try {
            if (response.getStatus() >= 300) {
                requireSuccess(response, upstream.readError(response), call);
            }
            upstream.refuseHtmlStream(response);
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                // The server ignored stream:true and answered whole: serve it as a stream anyway.
                byte[] body = upstream.readWhole(response);
                response.close();
                return MessageEvents.streamOf(ResponseMapper.toMessage(parse(body), call, options.store(), ids, tokens));
            }
            return ResponsesEventStream.of(upstream.watch(response), call, options.store(), ids, tokens);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    @Override
    public void warmUp() {
        upstream.warmUp();
    }

    @Override
    public void close() {
        upstream.close(); // its HTTP client and timer thread (a reload removed the backend, or the router stops)
    }

    private Response post(byte[] body, MediaType accept) {
        var request = responses.request().accept(accept);
        if (settings.apiKey() != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
        }
        return upstream.post(request, body);
    }

    private void requireSuccess(Response response, byte[] body, ProviderCall call) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return;
        }
        throw new ProviderException(Failures.fromStatus(status, body,
                RetryAfter.parse(response.getHeaderString("retry-after"), response.getHeaderString("retry-after-ms"), clock),
                settings.name(), call.route().providerModel(), settings.apiKeyEnv(), call.promptTokens().getAsInt()));
    }

    private JsonNode parse(byte[] body) {
        JsonNode node = ResponsesJson.object(new String(body, StandardCharsets.UTF_8));
        if (node == null) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, settings.name(),
                    "backend '" + settings.name() + "' answered with something that is not a Responses API response"));
        }
        return node;
    }
}
