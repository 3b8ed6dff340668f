package dev.claudia.router.adapters.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.adapters.provider.openai.OpenAiChatFactory;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ProviderServices;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiChatProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT_ANSWER = """
            {"id":"chatcmpl-1","object":"chat.completion","model":"provider/model-1","choices":[{"index":0,
             "message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";

    private final Stub stub = new Stub();

    OpenAiChatProviderTest() throws Exception {
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ChatProvider provider(String key, Duration readTimeout) {
        return new OpenAiChatFactory().create(new BackendSettings("stub", stub.baseUrl(), key, "STUB_API_KEY"),
                RawJson.EMPTY_OBJECT, services(readTimeout));
    }

    private static ProviderServices services(Duration readTimeout) {
        return new ProviderServices(Calls.ids(), Calls.quarterTokens(), Clock.systemUTC(), Duration.ofSeconds(2), readTimeout);
    }

    private ChatProvider provider() {
        return provider("sk-secret", Duration.ofSeconds(10));
    }

    @Test
    void posts_the_translated_request_with_the_backend_key_and_maps_the_answer() throws Exception {
        stub.handler = exchange -> Stub.json(exchange, 200, TEXT_ANSWER);
        MessageResponse response = provider().complete(Calls.call(Calls.hello()));
        assertEquals(List.of(new ContentBlock.Text("Hi there")), response.content());
        assertEquals("msg_test", response.id());
        assertEquals("claude-test", response.model());
        assertEquals(12, response.usage().inputTokens());
        Stub.Received received = stub.received.getFirst();
        assertEquals("/v1/chat/completions", received.path());
        assertEquals(List.of("Bearer sk-secret"), received.headers().get("Authorization"));
        assertEquals(List.of("application/json"), received.headers().get("Content-type"));
        assertEquals(List.of("application/json"), received.headers().get("Accept"));
        assertEquals(List.of(String.valueOf(received.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)),
                received.headers().get("Content-length"));
        JsonNode body = JSON.readTree(received.body());
        assertEquals("provider/model-1", body.get("model").asText());
        assertEquals("Hello", body.at("/messages/0/content").asText());
        assertFalse(body.has("stream"));
    }

    @Test
    void sends_no_authorization_header_without_a_key() {
        stub.handler = exchange -> Stub.json(exchange, 200, TEXT_ANSWER);
        provider(null, Duration.ofSeconds(5)).complete(Calls.call(Calls.hello()));
        assertNull(stub.received.getFirst().headers().get("Authorization"));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, INVALID_REQUEST", "401, AUTHENTICATION", "402, BILLING", "403, PERMISSION", "404, NOT_FOUND",
            "408, TIMEOUT", "409, SERVER_ERROR", "413, REQUEST_TOO_LARGE", "422, INVALID_REQUEST", "429, RATE_LIMITED",
            "500, SERVER_ERROR", "502, SERVER_ERROR", "503, OVERLOADED", "504, TIMEOUT", "529, OVERLOADED"})
    void maps_each_error_status(int status, FailureKind kind) {
        stub.handler = exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "7");
            Stub.json(exchange, status, "{\"error\":{\"message\":\"nope " + status + "\",\"type\":\"x\"}}");
        };
        ProviderException e = assertThrows(ProviderException.class, () -> provider().complete(Calls.call(Calls.hello())));
        assertEquals(kind, e.failure().kind());
        assertEquals(status, e.failure().upstreamStatus());
        assertTrue(e.getMessage().contains("nope " + status), e.getMessage());
        assertTrue(e.getMessage().contains("'stub'"), "names the backend: " + e.getMessage());
        assertFalse(e.getMessage().contains("sk-secret"));
        assertEquals(Duration.ofSeconds(7), e.failure().retryAfter());
    }

    @Test
    void reads_retry_after_as_an_http_date_or_in_milliseconds() {
        stub.handler = exchange -> {
            exchange.getResponseHeaders().add("Retry-After", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(120)));
            Stub.json(exchange, 429, "{\"error\":{\"message\":\"later\"}}");
        };
        Duration wait = assertThrows(ProviderException.class, () -> provider().complete(Calls.call(Calls.hello())))
                .failure().retryAfter();
        assertTrue(wait.compareTo(Duration.ofSeconds(100)) > 0 && wait.compareTo(Duration.ofSeconds(121)) <= 0, wait.toString());
        stub.handler = exchange -> {
            exchange.getResponseHeaders().add("retry-after-ms", "1500");
            Stub.json(exchange, 429, "{\"error\":{\"message\":\"later\"}}");
        };
        assertEquals(Duration.ofMillis(1500), assertThrows(ProviderException.class,
                () -> provider().complete(Calls.call(Calls.hello()))).failure().retryAfter());
    }

    @Test
    void an_authentication_failure_names_the_key_variable() {
        stub.handler = exchange -> Stub.json(exchange, 401, "{\"error\":\"bad key\"}");
        ProviderException e = assertThrows(ProviderException.class, () -> provider().complete(Calls.call(Calls.hello())));
        assertTrue(e.getMessage().contains("check STUB_API_KEY"), e.getMessage());
    }

    @Test
    void a_refused_connection_is_unreachable_and_names_the_backend() throws Exception {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        ChatProvider provider = new OpenAiChatFactory().create(new BackendSettings("local",
                URI.create("http://127.0.0.1:" + unused + "/v1"), null, null), RawJson.EMPTY_OBJECT,
                services(Duration.ofSeconds(2)));
        ProviderException e = assertThrows(ProviderException.class, () -> provider.complete(Calls.call(Calls.hello())));
        assertEquals(FailureKind.UNREACHABLE, e.failure().kind());
        assertTrue(e.getMessage().contains("could not reach backend 'local'"), e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void a_silent_provider_times_out() {
        stub.handler = exchange -> Thread.sleep(3_000);
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider("k", Duration.ofMillis(300)).complete(Calls.call(Calls.hello())));
        assertEquals(FailureKind.TIMEOUT, e.failure().kind());
        assertTrue(e.getMessage().contains("'stub'"), e.getMessage());
    }

    @Test
    void a_provider_that_stalls_in_the_middle_of_a_whole_answer_times_out() {
        stub.handler = exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"choices\":".getBytes());
            exchange.getResponseBody().flush();
            Thread.sleep(3_000);
        };
        long start = System.nanoTime();
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider("k", Duration.ofMillis(300)).complete(Calls.call(Calls.hello())));
        assertEquals(FailureKind.TIMEOUT, e.failure().kind());
        assertTrue(e.getMessage().contains("'stub'"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void an_answer_that_is_not_json_is_malformed() {
        stub.handler = exchange -> Stub.json(exchange, 200, "<html>gateway</html>");
        ProviderException e = assertThrows(ProviderException.class, () -> provider().complete(Calls.call(Calls.hello())));
        assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
    }

    @Test
    void streams_with_usage_requested_and_translates_as_chunks_arrive() throws Exception {
        stub.handler = exchange -> {
            OutputStream out = Stub.sse(exchange);
            Stub.frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
            Stub.frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}");
            Stub.frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}");
            Stub.frame(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}");
            Stub.frame(out, "[DONE]");
        };
        List<StreamEvent> events = drain(provider().stream(Calls.call(Calls.hello().withStream(true))));
        StreamGrammar.check(events);
        MessageAccumulator acc = new MessageAccumulator();
        events.forEach(acc::accept);
        assertEquals(List.of(new ContentBlock.Text("Hello")), acc.result().content());
        assertEquals(9, acc.result().usage().inputTokens());
        JsonNode body = JSON.readTree(stub.received.getFirst().body());
        assertTrue(body.get("stream").asBoolean());
        assertTrue(body.at("/stream_options/include_usage").asBoolean());
        assertEquals(List.of("text/event-stream"), stub.received.getFirst().headers().get("Accept"));
    }

    @Test
    void a_stream_request_answered_with_json_is_still_served_as_a_stream() {
        stub.handler = exchange -> Stub.json(exchange, 200, TEXT_ANSWER);
        List<StreamEvent> events = drain(provider().stream(Calls.call(Calls.hello().withStream(true))));
        StreamGrammar.check(events);
        MessageAccumulator acc = new MessageAccumulator();
        events.forEach(acc::accept);
        assertEquals(List.of(new ContentBlock.Text("Hi there")), acc.result().content());
    }

    @Test
    void a_stream_that_cannot_start_throws_before_any_event() {
        stub.handler = exchange -> Stub.json(exchange, 429, "{\"error\":{\"message\":\"slow down\"}}");
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider().stream(Calls.call(Calls.hello().withStream(true))));
        assertEquals(FailureKind.RATE_LIMITED, e.failure().kind());
    }

    @Test
    void a_stream_whose_connection_dies_ends_with_a_failure_event() {
        stub.handler = exchange -> {
            OutputStream out = Stub.sse(exchange);
            Stub.frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"}}]}");
            exchange.getHttpContext().getServer(); // keep the exchange
            throw new java.io.IOException("simulated crash"); // the stub closes the socket mid-body
        };
        List<StreamEvent> events = drain(provider().stream(Calls.call(Calls.hello().withStream(true))));
        StreamGrammar.check(events);
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, events.getLast());
        assertTrue(List.of(FailureKind.UNREACHABLE, FailureKind.MALFORMED_RESPONSE).contains(failed.failure().kind()),
                failed.toString());
    }

    @Test
    void closing_a_stream_drops_the_provider_connection_promptly_even_while_it_is_silent() throws Exception {
        stub.handler = exchange -> {
            OutputStream out = Stub.sse(exchange);
            Stub.frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}}]}");
            for (int i = 0; i < 100; i++) {
                Thread.sleep(100); // silent, but writes a comment now and then to notice a closed socket
                out.write(": waiting\n\n".getBytes());
                out.flush();
            }
        };
        EventStream stream = provider().stream(Calls.call(Calls.hello().withStream(true)));
        assertInstanceOf(StreamEvent.MessageStarted.class, stream.next());
        assertInstanceOf(StreamEvent.BlockStarted.class, stream.next());
        assertInstanceOf(StreamEvent.BlockDelta.class, stream.next());
        Thread reader = Thread.ofVirtual().start(stream::next); // blocks: the provider is silent
        Thread.sleep(200);
        long start = System.nanoTime();
        Thread closer = Thread.ofVirtual().start(stream::close);
        // Bounds far below the stub's 10 s of silence, yet loose enough for a loaded 2-core CI box
        // (1 s failed there once at load 6): without the close, the provider would see nothing for 10 s.
        closer.join(Duration.ofSeconds(4));
        assertFalse(closer.isAlive(), "close() returned");
        assertTrue(stub.clientClosed.await(4, TimeUnit.SECONDS), "the provider saw the connection close within 4 s");
        reader.join(Duration.ofSeconds(4));
        assertFalse(reader.isAlive(), "the blocked read ended");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void closing_a_stream_ends_a_read_that_is_blocked_on_a_silent_provider() throws Exception {
        stub.handler = exchange -> {
            OutputStream out = Stub.sse(exchange);
            Stub.frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}}]}");
            Thread.sleep(5_000); // completely silent: nothing wakes the reader but close()
        };
        EventStream stream = provider().stream(Calls.call(Calls.hello().withStream(true)));
        for (int i = 0; i < 3; i++) {
            stream.next(); // message_start, block start, "first"
        }
        Thread reader = Thread.ofVirtual().start(stream::next);
        Thread.sleep(300);
        assertTrue(reader.isAlive(), "the read is blocked");
        long start = System.nanoTime();
        Thread.ofVirtual().start(stream::close);
        reader.join(Duration.ofSeconds(3));
        assertFalse(reader.isAlive(), "close() ended the blocked read");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1),
                "within a second: " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @Test
    void a_stream_silent_for_longer_than_the_read_timeout_fails_with_a_timeout() {
        stub.handler = exchange -> {
            OutputStream out = Stub.sse(exchange);
            Stub.frame(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}}]}");
            Thread.sleep(3_000);
        };
        long start = System.nanoTime();
        List<StreamEvent> events = drain(provider("k", Duration.ofMillis(300)).stream(Calls.call(Calls.hello().withStream(true))));
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, events.getLast());
        assertEquals(FailureKind.TIMEOUT, failed.failure().kind());
        assertTrue(failed.failure().message().contains("sent no event for 300 ms"), failed.failure().message());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    }

    private static List<StreamEvent> drain(EventStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        return events;
    }
}
