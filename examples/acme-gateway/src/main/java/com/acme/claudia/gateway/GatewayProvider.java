package com.acme.claudia.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.MessageEvents;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.provider.support.RetryAfter;
import dev.claudia.router.provider.support.Upstream;
import dev.claudia.router.provider.support.WatchedBody;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Acme gateway: {@code POST {baseUrl}/generate} with the backend's key as a bearer token, its
 * tenant and the call's priority as headers. Whole answers are JSON, streams are NDJSON
 * ({@link GatewayStream}). Every failure is a {@link ProviderException}; it never retries (the
 * router does, and falls back to other profiles, of any adapter).
 */
final class GatewayProvider implements ChatProvider {

    private static final MediaType NDJSON = MediaType.valueOf("application/x-ndjson");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final BackendSettings settings;
    private final GatewayOptions backendOptions;
    private final TokenCounter tokens;
    private final Clock clock;
    private final Upstream upstream;
    private final GatewayErrors errors;
    /** Each profile's options over the backend's, read once per distinct options object. */
    private final Map<RawJson, GatewayOptions> profileOptions = new ConcurrentHashMap<>();

    GatewayProvider(BackendSettings settings, GatewayOptions backendOptions, ProviderServices services) {
        this.settings = settings;
        this.backendOptions = backendOptions;
        this.tokens = services.tokens();
        this.clock = services.clock();
        this.upstream = new Upstream(settings.name(), settings.baseUrl(), services.connectTimeout(), services.readTimeout());
        this.errors = new GatewayErrors(JSON, settings.name(), settings.apiKeyEnv());
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        try (Response response = post(call, false, MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = upstream.readWhole(response);
            requireSuccess(response, body, call);
            return message(body, call);
        }
    }

    @Override
    public EventStream stream(ProviderCall call) {
        Response response = post(call, true, NDJSON);
        try {
            if (response.getStatus() >= 300) {
                requireSuccess(response, upstream.readWhole(response), call);
            }
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                // An older gateway answers whole even when asked to stream: serve it as a stream anyway.
                return MessageEvents.streamOf(message(upstream.readWhole(response), call));
            }
            WatchedBody body = new WatchedBody(response.readEntity(InputStream.class), response::close,
                    upstream.watchdog(), settings.name());
            return new GatewayStream(body, JSON, errors, call, tokens, settings.name());
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    private Response post(ProviderCall call, boolean stream, MediaType accept) {
        GatewayOptions options = options(call);
        Invocation.Builder request = upstream.target("generate").request().accept(accept)
                .header("X-Acme-Tenant", options.tenant())
                .header("X-Acme-Priority", options.priority().wire);
        if (settings.apiKey() != null) {
            request = request.header("Authorization", "Bearer " + settings.apiKey());
        }
        return upstream.post(request, GatewayRequests.body(call, stream, JSON));
    }

    private GatewayOptions options(ProviderCall call) {
        RawJson own = call.route().options();
        if (own.text().equals("{}")) {
            return backendOptions;
        }
        return profileOptions.computeIfAbsent(own, o -> GatewayOptions.read(OptionScope.PROFILE, o, backendOptions));
    }

    private void requireSuccess(Response response, byte[] body, ProviderCall call) {
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            return;
        }
        throw new ProviderException(errors.fromStatus(response.getStatus(), body,
                RetryAfter.parse(response.getHeaderString("retry-after"), null, clock), call.route().providerModel()));
    }

    private MessageResponse message(byte[] body, ProviderCall call) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.path("output").isTextual()) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, settings.name(),
                    "backend '" + settings.name() + "' answered with something that is not a gateway answer"));
        }
        String text = answer.get("output").textValue();
        JsonNode usage = answer.path("usage");
        Usage counted = usage.path("input").canConvertToInt() && usage.path("output").canConvertToInt()
                ? Usage.of(usage.get("input").intValue(), usage.get("output").intValue())
                : new Usage(call.promptTokens().getAsInt(), tokens.countText(text), 0, 0, 0, true);
        return new MessageResponse(call.messageId(), call.route().alias(),
                text.isEmpty() ? List.of() : List.of(new ContentBlock.Text(text)),
                stopReason(answer.path("finish").asText("stop")), null, counted);
    }

    /** The gateway's finish reasons; anything it may add later ends the turn. */
    static StopReason stopReason(String finish) {
        return switch (finish) {
            case "length" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            default -> StopReason.END_TURN;
        };
    }
}
