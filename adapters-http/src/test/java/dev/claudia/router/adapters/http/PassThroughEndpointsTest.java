package dev.claudia.router.adapters.http;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw path, for adapters that pass a provider's Anthropic-format answers through: the caller's
 * bytes reach the provider, and the provider's answers, events and errors reach the caller as they came.
 */
class PassThroughEndpointsTest {

    /** Odd but valid formatting, an unknown block type and non-ASCII: a re-serialization would change it. */
    private static final String BODY = "{ \"id\":\"msg_up\",  \"type\":\"message\",\"role\":\"assistant\",\"model\":\"up-1\","
            + "\"content\":[{\"type\":\"mystery_block\",\"x\":1.50},{\"type\":\"text\",\"text\":\"h\\u00e9 ü\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}\n";
    private static final String REQUEST = "{\"model\":\"claude-a\",  \"max_tokens\":100,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}], \"container\": \"c1\"}";

    private final FakeProvider provider = new FakeProvider();
    private final TestServer server = new TestServer(provider, new HttpSettings(64 * 1024, Duration.ofSeconds(5), null));

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return server.client.send(server.request(path).header("anthropic-beta", "a-2025-01-01, b-2026-02-02")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MessageResponse verbatim(String body) {
        return MessageResponse.verbatim(Verbatim.of(body), "msg_up", "up-1", StopReason.END_TURN, Usage.of(3, 2));
    }

    @Test
    void the_callers_bytes_and_protocol_headers_reach_the_provider_but_not_its_key() throws Exception {
        provider.complete = call -> verbatim(BODY);
        post("/v1/messages", REQUEST);
        MessageRequest request = provider.calls.getFirst().request();
        assertEquals(REQUEST, request.original().text(), "exactly the bytes sent, fields the translation drops included");
        assertEquals(Map.of("anthropic-version", "2023-06-01", "anthropic-beta", "a-2025-01-01, b-2026-02-02"),
                request.original().headers());
    }

    @Test
    void a_verbatim_answer_is_written_byte_for_byte() throws Exception {
        provider.complete = call -> verbatim(BODY);
        HttpResponse<String> response = post("/v1/messages", REQUEST);
        assertEquals(200, response.statusCode());
        assertEquals(BODY, response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        assertTrue(response.headers().firstValue("request-id").orElseThrow().startsWith("req_"));
    }

    @Test
    void a_providers_own_error_keeps_its_status_body_and_retry_headers() throws Exception {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
        provider.complete = call -> {
            throw new ProviderException(new ProviderFailure(FailureKind.OVERLOADED, "backend 'fake' returned HTTP 529",
                    "fake", 529, Duration.ofSeconds(7), Verbatim.wrap(error.getBytes(StandardCharsets.UTF_8),
                    Map.of("retry-after", "7", "x-should-retry", "true"))));
        };
        HttpResponse<String> response = post("/v1/messages", REQUEST);
        assertEquals(529, response.statusCode());
        assertEquals(error, response.body());
        assertEquals("7", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals("true", response.headers().firstValue("x-should-retry").orElseThrow());
    }

    @Test
    void a_providers_error_that_cannot_go_away_tells_clients_not_to_retry_when_it_did_not_say() throws Exception {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: bad\"}}";
        provider.complete = call -> {
            throw new ProviderException(new ProviderFailure(FailureKind.INVALID_REQUEST, "backend 'fake' returned HTTP 400",
                    "fake", 400, null, Verbatim.of(error)));
        };
        HttpResponse<String> response = post("/v1/messages", REQUEST);
        assertEquals(400, response.statusCode());
        assertEquals(error, response.body());
        assertEquals("false", response.headers().firstValue("x-should-retry").orElseThrow());
    }

    @Test
    void forwarded_events_are_written_as_they_came_and_a_providers_error_event_keeps_its_json() throws Exception {
        List<String> frames = List.of("event: message_start\r\ndata: {\"type\":\"message_start\",\"message\":{}}\r\n\r\n",
                ": upstream comment\nevent: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0}\n\n",
                "event: mystery\ndata: {\"type\":\"mystery\",\n data: \"multi\"}\n\n");
        Deque<StreamEvent> events = new ArrayDeque<>(List.of(
                Forwarded.of(Verbatim.of(frames.get(0)), Kind.MESSAGE_START),
                Forwarded.of(Verbatim.of(frames.get(1)), Kind.BLOCK_START),
                Forwarded.of(Verbatim.of(frames.get(2)), Kind.OTHER),
                new StreamEvent.StreamFailed(new ProviderFailure(FailureKind.OVERLOADED, "fake overloaded", "fake", 0, null,
                        Verbatim.of("{\"type\":\"error\",\n \"error\":{\"type\":\"overloaded_error\"}}")))));
        provider.stream = call -> new EventStream() {
            @Override
            public StreamEvent next() {
                return events.poll();
            }

            @Override
            public void close() {
            }
        };
        HttpResponse<String> response = post("/v1/messages", REQUEST.replace("\"container\"", "\"stream\":true,\"container\""));
        assertEquals(200, response.statusCode());
        assertEquals(String.join("", frames) + "event: error\ndata: {\"type\":\"error\",\ndata:  \"error\":{\"type\":"
                + "\"overloaded_error\"}}\n\n", response.body().replace("event: ping\ndata: {\"type\":\"ping\"}\n\n", ""));
    }

    @Test
    void count_tokens_answers_with_the_providers_count_when_it_has_one() throws Exception {
        provider.count = call -> OptionalInt.of(4321);
        HttpResponse<String> response = post("/v1/messages/count_tokens", REQUEST);
        assertEquals("{\"input_tokens\":4321}", response.body());
        assertEquals(REQUEST, provider.calls.getFirst().request().original().text());
        provider.count = call -> OptionalInt.empty();
        assertFalse(post("/v1/messages/count_tokens", REQUEST).body().contains("4321"), "else the local count");
    }
}
