package dev.claudia.router.adapters.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.ProviderSettings;
import dev.claudia.router.adapters.provider.openai.mapping.Failures;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import dev.claudia.router.adapters.provider.openai.mapping.RequestMapper;
import dev.claudia.router.adapters.provider.openai.mapping.ResponseMapper;
import dev.claudia.router.adapters.provider.openai.mapping.RetryAfter;
import dev.claudia.router.adapters.provider.openai.stream.IdleWatchdog;
import dev.claudia.router.adapters.provider.openai.stream.OpenAiEventStream;
import dev.claudia.router.adapters.provider.transport.JdkHttpConnectorProvider;
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
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientConfig;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * One OpenAI-compatible backend, over the Jersey client. Translates each call with the mappers,
 * reports every failure as a {@link ProviderException}, and never retries (the application does).
 */
public final class OpenAiChatProvider implements ChatProvider {

    private static final MediaType EVENT_STREAM = MediaType.valueOf("text/event-stream");

    private final ProviderSettings settings;
    private final IdGenerator ids;
    private final TokenCounter tokens;
    private final Clock clock;
    private final WebTarget completions;
    private final IdleWatchdog watchdog;

    public OpenAiChatProvider(ProviderSettings settings, IdGenerator ids, TokenCounter tokens, Clock clock) {
        this.settings = settings;
        this.ids = ids;
        this.tokens = tokens;
        this.clock = clock;
        Client client = ClientBuilder.newBuilder()
                .withConfig(new ClientConfig().connectorProvider(
                        new JdkHttpConnectorProvider(settings.connectTimeout(), settings.readTimeout())))
                .build();
        this.completions = client.target(settings.baseUrl()).path("chat/completions");
        this.watchdog = new IdleWatchdog(settings.backend(), settings.readTimeout());
    }

    @Override
    public MessageResponse complete(ProviderCall call) {
        try (Response response = post(RequestMapper.body(call, false), MediaType.APPLICATION_JSON_TYPE)) {
            byte[] body = read(response);
            requireSuccess(response, body, call);
            return ResponseMapper.toMessage(parse(body), call, ids, tokens);
        }
    }

    @Override
    public EventStream stream(ProviderCall call) {
        Response response = post(RequestMapper.body(call, true), EVENT_STREAM);
        try {
            if (response.getStatus() >= 300) {
                byte[] body = read(response);
                requireSuccess(response, body, call);
            }
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
                // The server ignored stream:true and answered whole: serve it as a stream anyway.
                byte[] body = read(response);
                response.close();
                return MessageEvents.streamOf(ResponseMapper.toMessage(parse(body), call, ids, tokens));
            }
            InputStream body = response.readEntity(InputStream.class);
            return new OpenAiEventStream(body, response::close, call, ids, tokens, watchdog);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    private Response post(byte[] body, MediaType accept) {
        var request = completions.request().accept(accept);
        if (settings.apiKey() != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
        }
        try {
            return request.post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
        } catch (ProcessingException e) {
            throw new ProviderException(networkFailure(e), e);
        }
    }

    /** The whole body, within the read timeout (past the headers, the HTTP client bounds nothing). */
    private byte[] read(Response response) {
        try (IdleWatchdog.Deadline deadline = watchdog.start(response::close)) {
            try {
                return response.readEntity(byte[].class);
            } catch (ProcessingException | IllegalStateException e) {
                if (deadline.expired()) {
                    throw new ProviderException(ProviderFailure.of(FailureKind.TIMEOUT, settings.backend(), "backend '"
                            + settings.backend() + "' at " + settings.baseUrl() + " did not send its whole answer within "
                            + settings.readTimeout().toSeconds() + " s"), e);
                }
                if (e instanceof ProcessingException p) {
                    throw new ProviderException(networkFailure(p), e);
                }
                throw e;
            }
        }
    }

    private ProviderFailure networkFailure(ProcessingException e) {
        return Failures.fromIo(e, settings.backend(), settings.baseUrl(), settings.connectTimeout(), settings.readTimeout());
    }

    private void requireSuccess(Response response, byte[] body, ProviderCall call) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return;
        }
        throw new ProviderException(Failures.fromStatus(status, body,
                RetryAfter.parse(response.getHeaderString("retry-after"), response.getHeaderString("retry-after-ms"), clock),
                settings.backend(), call.route().providerModel(), settings.apiKeyEnv(), call.promptTokens().getAsInt()));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = ProviderJson.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, settings.backend(),
                    "backend '" + settings.backend() + "' answered with something that is not a chat completion: "
                            + e.getMessage()));
        }
    }
}
