package dev.claudia.router.adapters.provider.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.OptionProblem;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider over HTTP, against a stub upstream: where it posts, with which key, and what comes back. */
class OpenAiResponsesProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"id":"resp_1","object":"response","status":"completed","model":"gpt-test","output":[{"id":"msg_1",
             "type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi there","annotations":[]}]}],
             "usage":{"input_tokens":12,"output_tokens":3}}""";

    private final Stub stub = new Stub();

    OpenAiResponsesProviderTest() throws Exception {
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ChatProvider provider(String options) {
        return new OpenAiResponsesFactory().create(new BackendSettings("stub", stub.baseUrl(), "sk-secret-123", "STUB_API_KEY"),
                new RawJson(options), new ProviderServices(Calls.ids(), Calls.quarterTokens(), Clock.systemUTC(),
                        Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    private JsonNode sent() throws Exception {
        return JSON.readTree(stub.received.getLast().body());
    }

    @Test
    void posts_to_responses_with_the_backends_key_and_maps_the_answer() throws Exception {
        stub.handler = exchange -> Stub.json(exchange, 200, ANSWER);
        MessageResponse response = provider("{}").complete(Calls.call(Calls.hello()));
        assertEquals(List.of(new ContentBlock.Text("Hi there")), response.content());
        assertEquals("msg_test", response.id());
        assertEquals("claude-test", response.model(), "the caller's name, not the upstream's");
        assertEquals("/v1/responses", stub.received.getFirst().path());
        assertEquals(List.of("Bearer sk-secret-123"), stub.received.getFirst().headers().get("Authorization"));
        assertEquals("gpt-test", sent().get("model").asText());
        assertFalse(sent().get("store").asBoolean());
    }

    @Test
    void a_rate_limit_is_a_retryable_failure_with_its_wait_and_without_the_key() {
        stub.handler = exchange -> {
            exchange.getResponseHeaders().add("retry-after-ms", "1500");
            Stub.json(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached for sk-secret-123\",\"type\":\"requests\","
                    + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
        };
        ProviderException e = assertThrows(ProviderException.class, () -> provider("{}").complete(Calls.call(Calls.hello())));
        assertEquals(FailureKind.RATE_LIMITED, e.failure().kind());
        assertEquals(Duration.ofMillis(1500), e.failure().retryAfter());
        assertEquals(429, e.failure().upstreamStatus());
    }

    @Test
    void a_stream_is_translated_as_it_arrives_and_an_http_error_fails_before_any_event() throws Exception {
        String events = Files.readString(Path.of("src/test/resources/streams/text.sse.txt"), StandardCharsets.UTF_8);
        stub.handler = exchange -> Stub.sse(exchange, events);
        MessageResponse folded = MessageAccumulator.fold(provider("{}").stream(Calls.call(Calls.streaming(false))));
        assertEquals(List.of(new ContentBlock.Text("Hello world!")), folded.content());
        assertTrue(sent().get("stream").asBoolean());
        assertEquals(List.of("text/event-stream"), stub.received.getLast().headers().get("Accept"));

        stub.handler = exchange -> Stub.json(exchange, 400, "{\"error\":{\"message\":\"Unknown parameter: 'stop'.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"stop\",\"code\":\"unknown_parameter\"}}");
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider("{}").stream(Calls.call(Calls.streaming(false))));
        assertEquals(FailureKind.INVALID_REQUEST, e.failure().kind());
        assertTrue(e.getMessage().contains("Unknown parameter: 'stop'."), e.getMessage());
    }

    @Test
    void a_whole_answer_to_a_stream_request_is_served_as_a_stream() {
        stub.handler = exchange -> Stub.json(exchange, 200, ANSWER);
        MessageResponse folded = MessageAccumulator.fold(provider("{}").stream(Calls.call(Calls.streaming(false))));
        assertEquals(List.of(new ContentBlock.Text("Hi there")), folded.content());
    }

    @Test
    void a_profiles_options_override_its_backends() throws Exception {
        stub.handler = exchange -> Stub.json(exchange, 200, ANSWER);
        ChatProvider provider = provider("{\"serviceTier\":\"flex\"}");
        provider.complete(Calls.call(Calls.hello()));
        assertEquals("flex", sent().get("service_tier").asText());
        assertFalse(sent().get("store").asBoolean());
        Route profile = new Route("claude-test", "p", Calls.BACKEND, Calls.MODEL, RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT,
                Capabilities.DEFAULT, ModelLimits.UNDECLARED, new RawJson("{\"store\":true}"));
        provider.complete(new ProviderCall(profile, Calls.hello(), "msg_2", () -> 1, w -> { }));
        assertTrue(sent().get("store").asBoolean());
        assertEquals("flex", sent().get("service_tier").asText(), "the backend's options still apply");
    }

    @Test
    void a_body_that_is_not_a_response_is_malformed() {
        stub.handler = exchange -> Stub.json(exchange, 200, "[1,2]");
        ProviderException e = assertThrows(ProviderException.class, () -> provider("{}").complete(Calls.call(Calls.hello())));
        assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
    }

    @Test
    void options_are_validated_with_their_paths() {
        List<OptionProblem> problems = new OpenAiResponsesFactory().validate(OptionScope.BACKEND, new RawJson(
                "{\"store\":\"yes\",\"reasoning\":\"max\",\"reasoningSummary\":\"short\",\"serviceTier\":\"gold\","
                        + "\"sampling\":true,\"temperature\":1}"));
        List<String> paths = new ArrayList<>();
        problems.forEach(p -> paths.add(p.path() + ": " + p.message()));
        assertEquals(List.of("store: must be true or false", "reasoning: must be one of \"effort\", \"none\"",
                "reasoningSummary: must be one of \"auto\", \"concise\", \"detailed\", \"none\"",
                "serviceTier: must be one of \"auto\", \"default\", \"flex\", \"scale\", \"priority\", \"fast\", \"ultrafast\"",
                "sampling: must be one of \"drop\", \"send\"", "temperature: unknown option"), paths);
        assertEquals(List.of(), new OpenAiResponsesFactory().validate(OptionScope.PROFILE, new RawJson(
                "{\"store\":true,\"reasoning\":\"none\",\"reasoningSummary\":\"detailed\",\"serviceTier\":\"priority\","
                        + "\"sampling\":\"send\"}")));
    }
}
