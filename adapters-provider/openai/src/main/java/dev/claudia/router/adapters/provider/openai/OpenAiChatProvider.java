package dev.claudia.router.adapters.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.mapping.Failures;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import dev.claudia.router.adapters.provider.openai.mapping.RequestMapper;
import dev.claudia.router.adapters.provider.openai.mapping.ResponseMapper;
import dev.claudia.router.adapters.provider.openai.stream.OpenAiEventStream;
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

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * One OpenAI-compatible backend, over the Jersey client. Translates each call with the mappers,
 * reports every failure as a {@link ProviderException}, and never retries (the application does).
 */
public final class OpenAiChatProvider implements ChatProvider {

    private static final MediaType EVENT_STREAM = MediaType.valueOf("text/event-stream");

    private final BackendSettings settings;
    private final RouteOptions<OpenAiChatOptions> options;
    private final IdGenerator ids;
    private final TokenCounter tokens;
    private final Clock clock;
    private final Upstream upstream;
    private final WebTarget completions;

    public OpenAiChatProvider(BackendSettings settings, OpenAiChatOptions backendOptions, ProviderServices services) {
        this.settings = settings;
        this.options = new RouteOptions<>(backendOptions, OpenAiChatOptions::read);
        this.ids = services.ids();
        this.tokens = services.tokens();
        this.clock = services.clock();
        this.upstream = new Upstream(settings.name(), settings.baseUrl(), services.connectTimeout(),
                services.readTimeout());
        this.completions = upstream.target("chat/completions");
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        OpenAiChatOptions options = options(call);
        try (Response response = post(RequestMapper.body(call, options, false), MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = upstream.readWhole(response);
            requireSuccess(response, body, call);
            return ResponseMapper.toMessage(parse(body), call, options, ids, tokens);
        }
    }

    @Override
    public EventStream stream(ProviderCall call) {
        OpenAiChatOptions options = options(call);
        Response response = post(RequestMapper.body(call, options, true), EVENT_STREAM);
        try {
            if (response.getStatus() >= 300) {
                byte[] body = upstream.readWhole(response);
                requireSuccess(response, body, call);
            }
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                // The server ignored stream:true and answered whole: serve it as a stream anyway.
                byte[] body = upstream.readWhole(response);
                response.close();
                return MessageEvents.streamOf(ResponseMapper.toMessage(parse(body), call, options, ids, tokens));
            }
            InputStream body = response.readEntity(InputStream.class);
            return new OpenAiEventStream(body, response::close, call, options, ids, tokens, upstream.watchdog());
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    OpenAiChatOptions options(ProviderCall call) {
        return options.of(call.route());
    }

    private Response post(byte[] body, MediaType accept) {
        var request = completions.request().accept(accept);
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
        try {
            JsonNode node = ProviderJson.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, settings.name(),
                    "backend '" + settings.name() + "' answered with something that is not a chat completion: "
                            + e.getMessage()));
        }
    }
}
