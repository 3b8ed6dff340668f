package dev.claudia.router.adapters.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.adapters.provider.openai.dialect.Dialect;
import dev.claudia.router.adapters.provider.openai.dialect.Dialects;
import dev.claudia.router.adapters.provider.openai.dialect.ErrorRule;
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
import dev.claudia.router.provider.support.RetryAfter;
import dev.claudia.router.provider.support.OptionsReader;
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
 * One OpenAI-compatible backend, over the Jersey client. Translates each call with the mappers in
 * the backend's dialect (explicit, or inferred from the base URL; a profile may name another),
 * reports every failure as a {@link ProviderException}, and never retries (the application does).
 * Its backend's {@code GET /models} is its {@link ModelCatalog}.
 */
public final class OpenAiChatProvider implements ChatProvider, ModelCatalog {

    private static final MediaType EVENT_STREAM = MediaType.valueOf("text/event-stream");

    private final BackendSettings settings;
    private final RawJson backendRaw;
    private final OpenAiChatOptions backendOptions;
    private final boolean dialectInferred;
    private final IdGenerator ids;
    private final TokenCounter tokens;
    private final Clock clock;
    private final Upstream upstream;
    private final WebTarget completions;
    /** Each profile's options over the backend's, read once per distinct options object. */
    private final Map<RawJson, OpenAiChatOptions> routeOptions = new ConcurrentHashMap<>();

    /** @param backendOptions the backend's options object ({@code backends.<name>.options}, with its {@code dialect}) */
    public OpenAiChatProvider(BackendSettings settings, RawJson backendOptions, ProviderServices services) {
        this.settings = settings;
        this.backendRaw = backendOptions;
        Dialect named = OpenAiChatOptions.dialectName(OptionsReader.of(backendOptions));
        this.dialectInferred = named == null;
        this.backendOptions = OpenAiChatOptions.read(OptionsReader.of(backendOptions),
                OpenAiChatOptions.of(named != null ? named : Dialects.infer(settings.baseUrl())));
        this.ids = services.ids();
        this.tokens = services.tokens();
        this.clock = services.clock();
        this.upstream = new Upstream(settings.name(), settings.baseUrl(), services);
        this.completions = upstream.target("chat/completions");
    }

    /** The dialect this backend speaks unless a profile names another. */
    public Dialect dialect() {
        return backendOptions.dialect();
    }

    @Override
    public String describe() {
        return "dialect " + dialect().name() + (dialectInferred ? " (from the base URL)" : "");
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        CallRules rules = CallRules.of(call, options(call));
        try (Response response = post(RequestMapper.body(rules, false), MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = upstream.readBody(response);
            requireSuccess(response, body, rules);
            return ResponseMapper.toMessage(parse(body), rules, ids, tokens);
        }
    }

    @Override
    public EventStream stream(ProviderCall call) {
        CallRules rules = CallRules.of(call, options(call));
        Response response = post(RequestMapper.body(rules, true), EVENT_STREAM);
        try {
            if (response.getStatus() >= 300) {
                requireSuccess(response, upstream.readError(response), rules);
            }
            upstream.refuseHtmlStream(response);
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                // The server ignored stream:true and answered whole: serve it as a stream anyway.
                byte[] body = upstream.readWhole(response);
                response.close();
                return MessageEvents.streamOf(ResponseMapper.toMessage(parse(body), rules, ids, tokens));
            }
            return new OpenAiEventStream(upstream.watch(response), rules, ids, tokens);
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
    public void warmUp() {
        upstream.warmUp();
    }

    @Override
    public void close() {
        upstream.close();
    }

    /**
     * The profile's options over the backend's. A profile that names another dialect starts from
     * that dialect's defaults, with the backend's own settings still over them.
     */
    OpenAiChatOptions options(ProviderCall call) {
        RawJson own = call.route().options();
        if (own.text().equals("{}")) {
            return backendOptions;
        }
        return routeOptions.computeIfAbsent(own, o -> {
            Dialect named = OpenAiChatOptions.dialectName(OptionsReader.of(o));
            OpenAiChatOptions base = named == null || named == backendOptions.dialect() ? backendOptions
                    : OpenAiChatOptions.read(OptionsReader.of(backendRaw), OpenAiChatOptions.of(named)).withDialect(named);
            return OpenAiChatOptions.read(OptionsReader.of(o), base);
        });
    }

    private Response post(byte[] body, MediaType accept) {
        var request = completions.request().accept(accept);
        if (settings.apiKey() != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
        }
        return upstream.post(request, body);
    }

    private void requireSuccess(Response response, byte[] body, CallRules rules) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return;
        }
        ProviderCall call = rules.call();
        throw new ProviderException(Failures.fromStatus(status, body,
                RetryAfter.parse(response.getHeaderString("retry-after"), response.getHeaderString("retry-after-ms"), clock),
                settings.name(), call.route().providerModel(), settings.apiKeyEnv(), rules.dialect().errors(),
                new ErrorRule.Facts(call.promptTokens().getAsInt(), call.request().maxTokens())));
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
