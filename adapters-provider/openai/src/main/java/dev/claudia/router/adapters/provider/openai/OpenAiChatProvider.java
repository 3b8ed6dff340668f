package dev.claudia.router.adapters.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.mapping.Failures;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import dev.claudia.router.adapters.provider.openai.mapping.RequestMapper;
import dev.claudia.router.adapters.provider.openai.mapping.ResponseMapper;
import dev.claudia.router.adapters.provider.openai.stream.OpenAiEventStream;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
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
import dev.claudia.router.provider.spi.ModelCatalog;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.provider.support.OptionsReader;
import dev.claudia.router.provider.support.RetryAfter;
import dev.claudia.router.provider.support.Upstream;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenAI-compatible backend, over the Jersey client. Translates each call with the mappers,
 * reports every failure as a {@link ProviderException}, and never retries (the application does).
 * Its backend's {@code GET /models} is its {@link ModelCatalog}.
 */
public final class OpenAiChatProvider implements ChatProvider, ModelCatalog {

    private static final MediaType EVENT_STREAM = MediaType.valueOf("text/event-stream");

    private final BackendSettings settings;
    private final OpenAiChatOptions backendOptions;
    private final IdGenerator ids;
    private final TokenCounter tokens;
    private final Clock clock;
    private final Upstream upstream;
    private final WebTarget completions;
    /** Each profile's options over the backend's, read once per distinct options object. */
    private final Map<RawJson, OpenAiChatOptions> routeOptions = new ConcurrentHashMap<>();

    public OpenAiChatProvider(BackendSettings settings, OpenAiChatOptions backendOptions, ProviderServices services) {
        this.settings = settings;
        this.backendOptions = backendOptions;
        this.ids = services.ids();
        this.tokens = services.tokens();
        this.clock = services.clock();
        this.upstream = new Upstream(settings.name(), settings.baseUrl(), services);
        this.completions = upstream.target("chat/completions");
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        OpenAiChatOptions options = options(call);
        try (Response response = post(RequestMapper.body(call, options, false), MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = upstream.readBody(response);
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
                requireSuccess(response, upstream.readError(response), call);
            }
            if (MediaType.TEXT_HTML_TYPE.isCompatible(response.getMediaType())) {
                // a captive portal, a proxy's login page: not an answer, and nothing to parse
                throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, settings.name(),
                        "backend '" + settings.name() + "' answered a stream request with an HTML page instead of an "
                                + "event stream"));
            }
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                // The server ignored stream:true and answered whole: serve it as a stream anyway.
                byte[] body = upstream.readWhole(response);
                response.close();
                return MessageEvents.streamOf(ResponseMapper.toMessage(parse(body), call, options, ids, tokens));
            }
            return new OpenAiEventStream(upstream.watch(response), call, options, ids, tokens);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    @Override
    public List<String> models() {
        return ModelList.fetch(upstream, settings, clock);
    }

    @Override
    public void close() {
        upstream.close();
    }

    OpenAiChatOptions options(ProviderCall call) {
        RawJson own = call.route().options();
        if (own.text().equals("{}")) {
            return backendOptions;
        }
        return routeOptions.computeIfAbsent(own, o -> OpenAiChatOptions.read(OptionsReader.of(o), backendOptions));
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
