package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ModelCatalog;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.provider.support.OptionsReader;
import dev.claudia.router.provider.support.RetryAfter;
import dev.claudia.router.provider.support.Upstream;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Anthropic-format backend: {@code POST {baseUrl}/messages} and {@code /messages/count_tokens}.
 * The caller's request goes up as it was sent ({@link RequestRewriter}: the model renamed, the
 * stream flag set to what this call is, {@code max_tokens} clamped, {@code extraBody} merged) with
 * the backend's key and the caller's {@code anthropic-version} and {@code anthropic-beta} (minus the
 * betas the options drop); answers, events and errors come back verbatim. Never retries (the
 * application does). {@code GET {baseUrl}/models} is its {@link ModelCatalog}.
 */
final class AnthropicProvider implements ChatProvider, ModelCatalog {

    private static final MediaType EVENT_STREAM = MediaType.valueOf("text/event-stream");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final BackendSettings settings;
    private final AnthropicOptions backendOptions;
    private final Clock clock;
    private final Upstream upstream;
    private final RequestRewriter rewriter = new RequestRewriter(JSON);
    private final AnthropicErrors errors;
    private final Map<RawJson, AnthropicOptions> routeOptions = new ConcurrentHashMap<>();
    private final Map<RawJson, ObjectNode> extraBodies = new ConcurrentHashMap<>();
    /** Set when the upstream answered count_tokens with 404 or 405: it has no such endpoint. */
    private final AtomicBoolean noCountEndpoint = new AtomicBoolean();

    AnthropicProvider(BackendSettings settings, AnthropicOptions backendOptions, ProviderServices services) {
        this.settings = settings;
        this.backendOptions = backendOptions;
        this.clock = services.clock();
        this.upstream = new Upstream(settings.name(), settings.baseUrl(), services);
        this.errors = new AnthropicErrors(JSON, settings.name(), settings.apiKeyEnv());
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        try (Response response = post("messages", call, body(call, false), MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = upstream.readBody(response);
            requireSuccess(response, body, call);
            return summary(body);
        }
    }

    @Override
    public EventStream stream(ProviderCall call) {
        Response response = post("messages", call, body(call, true), EVENT_STREAM);
        try {
            if (response.getStatus() >= 300) {
                requireSuccess(response, upstream.readError(response), call);
            }
            if (!EVENT_STREAM.isCompatible(response.getMediaType())) {
                throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, settings.name(),
                        "backend '" + settings.name() + "' answered a stream request with " + response.getMediaType()
                                + " instead of an event stream"));
            }
            return new AnthropicEventStream(upstream.watch(response), JSON, errors, settings.name());
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /**
     * The upstream's own count, when it has the endpoint (and the options do not turn forwarding
     * off). A 404 or 405 means it has none: the router counts locally from then on.
     */
    @Override
    public OptionalInt countTokens(ProviderCall call) {
        if (!backendOptions.countTokens() || noCountEndpoint.get() || call.request().original() == null) {
            return OptionalInt.empty();
        }
        byte[] body = rewrite(call, Map.of("model", TextNode.valueOf(call.route().providerModel())), 0,
                JSON.createObjectNode());
        try (Response response = post("messages/count_tokens", call, body, MediaType.APPLICATION_JSON_TYPE)) {
            byte[] answer = upstream.readBody(response);
            if (response.getStatus() == 404 || response.getStatus() == 405) {
                noCountEndpoint.set(true);
                return OptionalInt.empty();
            }
            requireSuccess(response, answer, call);
            JsonNode count = parse(answer).get("input_tokens");
            if (count == null || !count.canConvertToInt()) {
                throw malformed("a count_tokens answer without input_tokens");
            }
            return OptionalInt.of(count.intValue());
        }
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
     * The caller's body with the provider's model and the stream flag. Its {@code max_tokens} is
     * lowered to the request's, which the application already fitted to the route's declared output
     * limit and to what the context window leaves after the prompt (the caller's bytes still carry
     * what the caller asked for); capped again by the declared limit for callers that reach the
     * adapter directly.
     */
    private byte[] body(ProviderCall call, boolean stream) {
        int maxTokens = call.route().limits().capOutput(call.request().maxTokens());
        return rewrite(call, Map.of("model", TextNode.valueOf(call.route().providerModel()),
                "stream", BooleanNode.valueOf(stream)), maxTokens, extraBody(call));
    }

    private byte[] rewrite(ProviderCall call, Map<String, JsonNode> set, int clamp, ObjectNode extraBody) {
        Verbatim original = call.request().original();
        if (original == null) {
            throw new ProviderException(ProviderFailure.of(FailureKind.UNSUPPORTED, settings.name(), "backend '"
                    + settings.name() + "' forwards the caller's request as it was sent, and this one has none"));
        }
        try {
            return rewriter.rewrite(original, set, clamp, extraBody);
        } catch (IOException e) {
            throw new ProviderException(ProviderFailure.of(FailureKind.INVALID_REQUEST, settings.name(),
                    "the request body could not be forwarded: " + e.getMessage()));
        }
    }

    private ObjectNode extraBody(ProviderCall call) {
        return extraBodies.computeIfAbsent(call.route().extraBody(), raw -> {
            try {
                return (ObjectNode) JSON.readTree(raw.text());
            } catch (IOException | ClassCastException e) {
                throw new IllegalArgumentException("a route's extraBody must be a JSON object, was: " + raw.text(), e);
            }
        });
    }

    private AnthropicOptions options(ProviderCall call) {
        RawJson own = call.route().options();
        if (own.text().equals("{}")) {
            return backendOptions;
        }
        return routeOptions.computeIfAbsent(own, o -> AnthropicOptions.read(OptionsReader.of(o), OptionScope.PROFILE,
                backendOptions));
    }

    @Override
    public List<String> models() {
        return AnthropicModels.fetch(upstream, target -> authorized(target.request().accept(MediaType.APPLICATION_JSON_TYPE))
                .header("anthropic-version", backendOptions.anthropicVersion()), errors, JSON, clock);
    }

    /** With the backend's key, in the header its options say. */
    private Invocation.Builder authorized(Invocation.Builder request) {
        if (settings.apiKey() == null) {
            return request;
        }
        return switch (backendOptions.auth()) {
            case X_API_KEY -> request.header("x-api-key", settings.apiKey());
            case BEARER -> request.header("Authorization", "Bearer " + settings.apiKey());
        };
    }

    private Response post(String path, ProviderCall call, byte[] body, MediaType accept) {
        Invocation.Builder request = authorized(upstream.target(path).request().accept(accept));
        Verbatim original = call.request().original();
        String version = original == null ? null : original.header("anthropic-version");
        request = request.header("anthropic-version", version != null ? version : backendOptions.anthropicVersion());
        String betas = betas(original == null ? null : original.header("anthropic-beta"), options(call));
        if (!betas.isEmpty()) {
            request = request.header("anthropic-beta", betas);
        }
        return upstream.post(request, body);
    }

    /** The caller's betas, in its order, without those the options drop. */
    static String betas(String header, AnthropicOptions options) {
        if (header == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String beta : header.split(",")) {
            String name = beta.strip();
            if (!name.isEmpty() && !options.drops(name)) {
                kept.append(kept.isEmpty() ? "" : ",").append(name);
            }
        }
        return kept.toString();
    }

    private void requireSuccess(Response response, byte[] body, ProviderCall call) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return;
        }
        throw new ProviderException(errors.fromStatus(status, body, AnthropicErrors.retryHeaders(response::getHeaderString),
                RetryAfter.parse(response.getHeaderString("retry-after"), response.getHeaderString("retry-after-ms"), clock),
                call.route().providerModel()));
    }

    /** The answer as it came, with what the log needs to know of it. */
    private MessageResponse summary(byte[] body) {
        JsonNode answer = parse(body);
        if (!"message".equals(answer.path("type").asText())) {
            throw malformed("an answer that is not a message");
        }
        return MessageResponse.verbatim(Verbatim.wrap(body), answer.path("id").asText("-"), answer.path("model").asText("-"),
                Summaries.stopReason(answer.get("stop_reason")), Summaries.usage(answer.get("usage"), Usage.ZERO));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw malformed("something that is not JSON (" + e.getMessage() + ")");
        }
    }

    private ProviderException malformed(String what) {
        return new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, settings.name(),
                "backend '" + settings.name() + "' answered with " + what));
    }
}
