package dev.claudia.router.adapters.provider.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded.Kind;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ProviderServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnthropicProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = "{\"id\":\"msg_up1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up-1\","
            + "\"content\":[{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\"},{\"type\":\"text\",\"text\":\"Hi\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3,\"cache_read_input_tokens\":100}}";
    private static final String CLIENT_BODY = "{\"model\":\"claude-x\",\"max_tokens\":100,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final FakeUpstream upstream = new FakeUpstream();

    AnthropicProviderTest() throws Exception {
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private ChatProvider provider(String backendOptions) {
        ProviderServices services = new ProviderServices(ids(), tokens(), Clock.systemUTC(), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        AnthropicFactory factory = new AnthropicFactory();
        assertEquals(List.of(), factory.validate(dev.claudia.router.provider.spi.OptionScope.BACKEND,
                new RawJson(backendOptions)));
        return factory.create(new BackendSettings("claude", upstream.baseUrl(), "sk-ant-backend", "CLAUDE_KEY"),
                new RawJson(backendOptions), services);
    }

    private static ProviderCall call(String profileOptions, String betas) {
        return call(profileOptions, betas, ModelLimits.UNDECLARED, 100);
    }

    /** @param maxTokens the request's max_tokens as the application fitted it (the caller's body says 100) */
    private static ProviderCall call(String profileOptions, String betas, ModelLimits limits, int maxTokens) {
        Route route = new Route("claude-x", "claude-x", "claude", "up-1", RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT,
                Capabilities.DEFAULT, limits, new RawJson(profileOptions));
        MessageRequest request = MessageRequest.of("claude-x", maxTokens, List.of(Message.user("hi")))
                .withOriginal(Verbatim.wrap(CLIENT_BODY.getBytes(StandardCharsets.UTF_8), betas == null
                        ? Map.of("anthropic-version", "2023-06-01")
                        : Map.of("anthropic-version", "2023-06-01", "anthropic-beta", betas)));
        return new ProviderCall(route, request, "msg_ours", () -> 42, w -> { });
    }

    @Test
    void the_forwarded_body_carries_max_tokens_as_fitted_by_the_application_and_capped_by_the_routes_limit()
            throws Exception {
        upstream.answer = exchange -> FakeUpstream.send(exchange, 200, "application/json", ANSWER);
        ChatProvider provider = provider("{}");
        provider.complete(call("{}", null, ModelLimits.UNDECLARED, 40));
        provider.complete(call("{}", null, new ModelLimits(0, 64), 100));
        provider.complete(call("{}", null, new ModelLimits(0, 4096), 100));
        assertEquals(List.of(40, 64, 100), upstream.received.stream()
                .map(sent -> readMaxTokens(sent.body())).toList(), "fitted, capped, the caller's own");
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(CLIENT_BODY);
        body.put("model", "up-1").put("stream", false).put("max_tokens", 40);
        assertEquals(body, JSON.readTree(upstream.received.getFirst().body()), "nothing else changed");
    }

    private static int readMaxTokens(String body) {
        try {
            return JSON.readTree(body).get("max_tokens").intValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sends_the_callers_request_with_the_backends_key_and_answers_with_the_upstreams_bytes() throws Exception {
        upstream.answer = exchange -> FakeUpstream.send(exchange, 200, "application/json", ANSWER);
        MessageResponse response = provider("{\"dropBetas\":[\"context-1m-*\"]}").complete(
                call("{\"dropBetas\":[\"effort-2025-11-24\"]}", "claude-code-20250219, context-1m-2025-08-07,effort-2025-11-24,x"));
        assertEquals(ANSWER, response.verbatim().text(), "byte for byte, unknown block types included");
        assertEquals(new Usage(12, 3, 100, 0, 0, false), response.usage());
        assertEquals(StopReason.END_TURN, response.stopReason());

        FakeUpstream.Received sent = upstream.received.getFirst();
        assertEquals("/v1/messages", sent.path());
        assertEquals("sk-ant-backend", sent.header("x-api-key"));
        assertNull(sent.header("authorization"));
        assertEquals("2023-06-01", sent.header("anthropic-version"));
        assertEquals("claude-code-20250219,x", sent.header("anthropic-beta"), "backend and profile drops both apply");
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(CLIENT_BODY);
        body.put("model", "up-1").put("stream", false);
        assertEquals(body, JSON.readTree(sent.body()));
    }

    @Test
    void sends_the_key_as_a_bearer_token_when_told_and_no_beta_header_when_none_is_left() {
        upstream.answer = exchange -> FakeUpstream.send(exchange, 200, "application/json", ANSWER);
        provider("{\"auth\":\"bearer\",\"dropBetas\":[\"*\"]}").complete(call("{}", "a,b"));
        FakeUpstream.Received sent = upstream.received.getFirst();
        assertEquals("Bearer sk-ant-backend", sent.header("authorization"));
        assertNull(sent.header("x-api-key"));
        assertNull(sent.header("anthropic-beta"));
    }

    @Test
    void passes_every_event_on_as_it_came_reading_only_usage_and_the_stop_reason() throws Exception {
        List<String> frames = List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_up\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1,\"cache_read_input_tokens\":4}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{}}}\n\n",
                "event: ping\ndata: {\"type\":\"ping\"}\n\n",
                "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"command\\\":\\\"ls\\\"}\"}}\r\n\r\n",
                "event: brand_new_event\ndata: {\"type\":\"brand_new_event\",\"x\":[1]}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        upstream.answer = exchange -> FakeUpstream.send(exchange, 200, "text/event-stream", String.join("", frames));
        EventStream stream = provider("{}").stream(call("{}", null));
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        assertEquals(frames, events.stream().map(e -> ((Forwarded) e).frame().text()).toList());
        assertEquals(List.of(Kind.MESSAGE_START, Kind.BLOCK_START, Kind.PING, Kind.BLOCK_DELTA, Kind.OTHER, Kind.BLOCK_STOP,
                Kind.MESSAGE_DELTA, Kind.MESSAGE_STOP), events.stream().map(e -> ((Forwarded) e).kind()).toList());
        Forwarded delta = (Forwarded) events.get(6);
        assertEquals(new Usage(25, 15, 4, 0, 0, false), delta.usage(), "output from message_delta, input from message_start");
        assertEquals(StopReason.TOOL_USE, delta.stopReason());
        assertEquals("true", JSON.readTree(upstream.received.getFirst().body()).get("stream").asText());
    }

    @Test
    void an_error_event_fails_the_stream_with_the_upstreams_json() {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        upstream.answer = exchange -> FakeUpstream.send(exchange, 200, "text/event-stream",
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\nevent: error\ndata: " + error + "\n\n");
        EventStream stream = provider("{}").stream(call("{}", null));
        assertInstanceOf(Forwarded.class, stream.next());
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, stream.next());
        assertEquals(FailureKind.OVERLOADED, failed.failure().kind());
        assertEquals(error, failed.failure().verbatim().text());
        assertNull(stream.next());
    }

    @Test
    void a_stream_cut_before_message_stop_is_a_failure_that_can_be_retried() {
        upstream.answer = exchange -> FakeUpstream.send(exchange, 200, "text/event-stream",
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n");
        EventStream stream = provider("{}").stream(call("{}", null));
        stream.next();
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, stream.next());
        assertTrue(failed.failure().retryable(), failed.failure().toString());
    }

    @Test
    void an_anthropic_error_answer_travels_with_its_status_and_retry_headers() {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";
        upstream.answer = exchange -> {
            exchange.getResponseHeaders().add("retry-after", "30");
            exchange.getResponseHeaders().add("x-should-retry", "true");
            FakeUpstream.send(exchange, 429, "application/json", error);
        };
        ProviderException e = assertThrows(ProviderException.class, () -> provider("{}").stream(call("{}", null)));
        assertEquals(FailureKind.RATE_LIMITED, e.failure().kind());
        assertEquals(429, e.failure().upstreamStatus());
        assertEquals(Duration.ofSeconds(30), e.failure().retryAfter());
        assertEquals(error, e.failure().verbatim().text());
        assertEquals(Map.of("retry-after", "30", "x-should-retry", "true"), e.failure().verbatim().headers());
        assertTrue(e.getMessage().contains("backend 'claude'") && e.getMessage().contains("slow down"), e.getMessage());
    }

    @Test
    void an_error_that_is_not_anthropics_is_worded_by_the_router() {
        upstream.answer = exchange -> FakeUpstream.send(exchange, 502, "text/html", "<html>Bad gateway</html>");
        ProviderException e = assertThrows(ProviderException.class, () -> provider("{}").complete(call("{}", null)));
        assertEquals(FailureKind.SERVER_ERROR, e.failure().kind());
        assertNull(e.failure().verbatim());
        assertTrue(e.getMessage().contains("Bad gateway"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-ant-backend"));
    }

    @Test
    void count_tokens_is_forwarded_and_an_upstream_without_it_is_counted_locally_from_then_on() throws Exception {
        upstream.answer = exchange -> FakeUpstream.send(exchange, 200, "application/json", "{\"input_tokens\":321}");
        ChatProvider provider = provider("{}");
        assertEquals(321, provider.countTokens(call("{}", null)).orElseThrow());
        FakeUpstream.Received sent = upstream.received.getFirst();
        assertEquals("/v1/messages/count_tokens", sent.path());
        assertEquals("up-1", JSON.readTree(sent.body()).get("model").asText());

        upstream.answer = exchange -> FakeUpstream.send(exchange, 404, "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"Not Found\"}}");
        ChatProvider without = provider("{}");
        assertTrue(without.countTokens(call("{}", null)).isEmpty());
        int asked = upstream.received.size();
        assertTrue(without.countTokens(call("{}", null)).isEmpty());
        assertEquals(asked, upstream.received.size(), "not asked again");

        assertTrue(provider("{\"countTokens\":false}").countTokens(call("{}", null)).isEmpty());
        assertEquals(asked, upstream.received.size(), "off: never forwarded");
    }

    @Test
    void reports_bad_options_with_their_paths() {
        AnthropicFactory factory = new AnthropicFactory();
        var backend = factory.validate(dev.claudia.router.provider.spi.OptionScope.BACKEND,
                new RawJson("{\"auth\":\"basic\",\"dropBetas\":[\"ok\",3],\"countTokens\":\"yes\",\"colour\":1}"));
        assertEquals(List.of("auth: must be one of \"x-api-key\", \"bearer\"", "dropBetas.1: must be a non-empty string",
                "countTokens: must be true or false", "colour: unknown option"),
                backend.stream().map(p -> p.path() + ": " + p.message()).toList());
        var profile = factory.validate(dev.claudia.router.provider.spi.OptionScope.PROFILE, new RawJson("{\"auth\":\"bearer\"}"));
        assertEquals(List.of("auth: unknown option"), profile.stream().map(p -> p.path() + ": " + p.message()).toList(),
                "auth is the backend's business");
    }

    private static IdGenerator ids() {
        return new IdGenerator() {
            public String messageId() {
                return "msg_1";
            }

            public String toolUseId() {
                return "toolu_1";
            }

            public String requestId() {
                return "req_1";
            }
        };
    }

    private static TokenCounter tokens() {
        return new TokenCounter() {
            public int countRequest(MessageRequest request) {
                return 1;
            }

            public int countText(String text) {
                return 1;
            }
        };
    }
}
