package dev.claudia.router.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.MessageEvents;
import dev.claudia.router.domain.stream.StreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpEndpointsTest {

    private static final String HELLO = "{\"model\":\"claude-a\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String HELLO_STREAM = HELLO.replace("}]}", "}],\"stream\":true}");

    private final FakeProvider provider = new FakeProvider();
    private TestServer server = new TestServer(provider, new HttpSettings(64 * 1024, Duration.ofMillis(200), null));

    @AfterEach
    void stop() {
        server.close();
    }

    private static MessageResponse answer(String model, String id, ContentBlock... blocks) {
        return new MessageResponse(id, model, List.of(blocks), StopReason.END_TURN, null, new Usage(11, 5, 3, 0, 0, false));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void answers_a_message_in_anthropics_shape() throws Exception {
        provider.complete = call -> answer(call.route().alias(), call.messageId(), new ContentBlock.Text("Hello!"),
                new ContentBlock.ToolUse("toolu_1", "Read", new RawJson("{\"file_path\":\"/a b/ü\"}")));
        HttpResponse<String> response = server.post("/v1/messages?beta=true", HELLO);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("request-id").orElseThrow().startsWith("req_"));
        JsonNode body = json(response);
        assertTrue(body.get("id").asText().startsWith("msg_"));
        assertEquals("message", body.get("type").asText());
        assertEquals("assistant", body.get("role").asText());
        assertEquals("claude-a", body.get("model").asText());
        assertEquals("end_turn", body.get("stop_reason").asText());
        assertTrue(body.get("stop_sequence").isNull());
        assertEquals("Hello!", body.at("/content/0/text").asText());
        assertFalse(body.at("/content/0").has("citations"),
                "no citations field without citations, as Anthropic answers (@ai-sdk/anthropic 3 rejects a null)");
        assertEquals("/a b/ü", body.at("/content/1/input/file_path").asText());
        assertEquals(11, body.at("/usage/input_tokens").asInt());
        assertEquals(5, body.at("/usage/output_tokens").asInt());
        assertEquals(0, body.at("/usage/cache_creation_input_tokens").asInt());
        assertEquals(3, body.at("/usage/cache_read_input_tokens").asInt());
        assertEquals("standard", body.at("/usage/service_tier").asText());
        assertTrue(body.at("/usage/cache_creation/ephemeral_5m_input_tokens").isInt(), body.toString());
        assertTrue(body.at("/usage/cache_creation/ephemeral_1h_input_tokens").isInt(), body.toString());
    }

    @Test
    void accepts_a_bearer_token_instead_of_an_api_key() throws Exception {
        provider.complete = call -> answer(call.route().alias(), call.messageId(), new ContentBlock.Text("ok"));
        HttpResponse<String> response = server.client.send(HttpRequest.newBuilder(server.base.resolve("/v1/messages"))
                .header("Authorization", "Bearer abc").header("anthropic-version", "2026-10-21")
                .header("anthropic-beta", "some-future-beta-2030-01-01,another")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(provider.calls.getFirst().request().betas().contains("some-future-beta-2030-01-01"));
    }

    @Test
    void refuses_a_request_without_credentials_with_an_anthropic_error() throws Exception {
        HttpResponse<String> response = server.client.send(HttpRequest.newBuilder(server.base.resolve("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        JsonNode body = json(response);
        assertEquals("error", body.get("type").asText());
        assertEquals("authentication_error", body.at("/error/type").asText());
        assertEquals(response.headers().firstValue("request-id").orElseThrow(), body.get("request_id").asText());
        assertTrue(provider.calls.isEmpty());
    }

    @Test
    void a_required_token_must_match() throws Exception {
        server.close();
        server = new TestServer(provider, new HttpSettings(64 * 1024, Duration.ofSeconds(10), "s3cret"));
        HttpResponse<String> wrong = server.post("/v1/messages", HELLO);
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.body().contains("s3cret"));
        provider.complete = call -> answer(call.route().alias(), call.messageId(), new ContentBlock.Text("ok"));
        HttpResponse<String> right = server.client.send(server.request("/v1/messages").setHeader("x-api-key", "s3cret")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, right.statusCode(), right.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON|{\"model\": \"m\",|400|invalid_request_error|request body is not valid JSON at line 1, column",
            "not an object|[1,2]|400|invalid_request_error|request body must be a JSON object",
            "empty body|''|400|invalid_request_error|request body is empty",
            "wrong type|{\"model\":\"claude-a\",\"max_tokens\":\"many\",\"messages\":[]}|400|invalid_request_error|max_tokens: expected an integer, got a string",
    })
    void rejects_bad_input_with_a_clear_anthropic_error(String name, String body, int status, String type, String message)
            throws Exception {
        HttpResponse<String> response = server.post("/v1/messages", body.equals("''") ? "" : body);
        assertEquals(status, response.statusCode(), response.body());
        JsonNode json = json(response);
        assertEquals("error", json.get("type").asText());
        assertEquals(type, json.at("/error/type").asText());
        assertTrue(json.at("/error/message").asText().startsWith(message), json.at("/error/message").asText());
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
        assertTrue(provider.calls.isEmpty());
    }

    @Test
    void refuses_an_oversized_body_with_413() throws Exception {
        String big = HELLO.replace("\"hi\"", "\"" + "x".repeat(70 * 1024) + "\"");
        HttpResponse<String> response = server.post("/v1/messages", big);
        assertEquals(413, response.statusCode());
        assertEquals("request_too_large", json(response).at("/error/type").asText());
    }

    @Test
    void unknown_endpoints_and_methods_get_anthropic_errors() throws Exception {
        HttpResponse<String> missing = server.post("/v1/complete", HELLO);
        assertEquals(404, missing.statusCode());
        assertEquals("not_found_error", json(missing).at("/error/type").asText());
        assertTrue(json(missing).get("request_id").asText().startsWith("req_"));
        HttpResponse<String> wrongMethod = server.get("/v1/messages");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("error", json(wrongMethod).get("type").asText());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "RATE_LIMITED, 429, rate_limit_error",
            "OVERLOADED, 529, overloaded_error",
            "SERVER_ERROR, 500, api_error",
            "UNREACHABLE, 502, api_error",
            "MALFORMED_RESPONSE, 502, api_error",
            "TIMEOUT, 504, timeout_error",
            "INVALID_REQUEST, 400, invalid_request_error",
            "CONTEXT_TOO_LONG, 400, invalid_request_error",
            "AUTHENTICATION, 401, authentication_error",
            "BILLING, 402, billing_error",
            "PERMISSION, 403, permission_error",
            "NOT_FOUND, 404, not_found_error",
            "REQUEST_TOO_LARGE, 413, request_too_large",
    })
    void maps_every_provider_failure_to_its_anthropic_error(FailureKind kind, int status, String type) throws Exception {
        provider.complete = call -> {
            throw new ProviderException(new ProviderFailure(kind, "backend 'fake' said no", "fake", 0,
                    kind == FailureKind.RATE_LIMITED ? Duration.ofSeconds(60) : null));
        };
        HttpResponse<String> response = server.post("/v1/messages", HELLO);
        assertEquals(status, response.statusCode());
        JsonNode body = json(response);
        assertEquals(type, body.at("/error/type").asText());
        assertEquals("backend 'fake' said no", body.at("/error/message").asText());
        assertEquals(kind.retryable() ? "absent" : "false",
                response.headers().firstValue("x-should-retry").orElse("absent"));
        if (kind == FailureKind.RATE_LIMITED) {
            assertEquals("60", response.headers().firstValue("retry-after").orElseThrow());
        }
    }

    @Test
    void streams_events_in_anthropics_grammar_with_an_event_line_on_every_frame() throws Exception {
        provider.stream = call -> MessageEvents.streamOf(answer(call.route().alias(), call.messageId(),
                new ContentBlock.Thinking("hmm", "sig"), new ContentBlock.Text("Hi"),
                new ContentBlock.ToolUse("toolu_1", "Bash", new RawJson("{\"command\":\"ls \\\"x\\\"\"}"))));
        HttpResponse<String> response = server.post("/v1/messages", HELLO_STREAM);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<String[]> frames = frames(response.body());
        List<String> names = frames.stream().map(f -> f[0]).toList();
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"), names);
        for (String[] frame : frames) {
            assertEquals(frame[0], Json.MAPPER.readTree(frame[1]).get("type").asText(), "event name = data.type");
        }
        JsonNode toolStart = Json.MAPPER.readTree(frames.get(8)[1]);
        assertEquals("{}", toolStart.at("/content_block/input").toString(), "blocks start empty");
        JsonNode toolDelta = Json.MAPPER.readTree(frames.get(9)[1]);
        assertEquals("{\"command\":\"ls \\\"x\\\"\"}", toolDelta.at("/delta/partial_json").asText());
        JsonNode start = Json.MAPPER.readTree(frames.getFirst()[1]);
        assertEquals("claude-a", start.at("/message/model").asText());
        assertTrue(start.at("/message/stop_reason").isNull());
        JsonNode delta = Json.MAPPER.readTree(frames.get(11)[1]);
        assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
        assertEquals(5, delta.at("/usage/output_tokens").asInt());
        assertEquals(11, delta.at("/usage/input_tokens").asInt());
    }

    @Test
    void the_first_event_reaches_the_client_before_the_provider_finishes() throws Exception {
        QueueStream upstream = new QueueStream().push(new StreamEvent.MessageStarted("msg_1", "claude-a", Usage.ZERO),
                new StreamEvent.BlockStarted(0, new BlockStart.Text()), new StreamEvent.BlockDelta(0, new Delta.Text("first")));
        provider.stream = call -> upstream;
        HttpResponse<InputStream> response = server.client.send(server.request("/v1/messages")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO_STREAM)).build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            seen.add(line);
            if (line.contains("\"first\"")) {
                break;
            }
        }
        assertTrue(seen.stream().anyMatch(l -> l.contains("text_delta")), "the delta arrived while the provider is still open");
        upstream.push(new StreamEvent.BlockStopped(0), new StreamEvent.MessageDelta(StopReason.END_TURN, null, Usage.of(1, 1)),
                new StreamEvent.MessageStopped());
        upstream.end();
        StringBuilder rest = new StringBuilder();
        while ((line = reader.readLine()) != null) {
            rest.append(line).append('\n');
        }
        assertTrue(rest.toString().contains("event: message_stop"), rest.toString());
        assertTrue(upstream.closed.await(2, TimeUnit.SECONDS), "the provider stream is released when the answer ends");
    }

    @Test
    void pings_while_the_provider_is_quiet() throws Exception {
        QueueStream upstream = new QueueStream().push(new StreamEvent.MessageStarted("msg_1", "claude-a", Usage.ZERO));
        provider.stream = call -> upstream;
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException ignored) {
                return;
            }
            upstream.push(new StreamEvent.BlockStarted(0, new BlockStart.Text()), new StreamEvent.BlockStopped(0),
                    new StreamEvent.MessageDelta(StopReason.END_TURN, null, Usage.ZERO), new StreamEvent.MessageStopped());
            upstream.end();
        });
        HttpResponse<String> response = server.post("/v1/messages", HELLO_STREAM);
        List<String> names = frames(response.body()).stream().map(f -> f[0]).toList();
        assertEquals("message_start", names.getFirst());
        assertTrue(names.stream().filter("ping"::equals).count() >= 2, names.toString());
        assertEquals("message_stop", names.getLast());
    }

    @Test
    void a_failure_after_content_ends_the_stream_with_an_error_event() throws Exception {
        QueueStream upstream = new QueueStream().push(new StreamEvent.MessageStarted("msg_1", "claude-a", Usage.ZERO),
                new StreamEvent.BlockStarted(0, new BlockStart.Text()), new StreamEvent.BlockDelta(0, new Delta.Text("par")),
                new StreamEvent.StreamFailed(ProviderFailure.of(FailureKind.OVERLOADED, "fake", "backend 'fake' is overloaded")));
        upstream.end();
        provider.stream = call -> upstream;
        HttpResponse<String> response = server.post("/v1/messages", HELLO_STREAM);
        List<String[]> frames = frames(response.body());
        String[] last = frames.getLast();
        assertEquals("error", last[0]);
        JsonNode error = Json.MAPPER.readTree(last[1]);
        assertEquals("overloaded_error", error.at("/error/type").asText());
        assertEquals("backend 'fake' is overloaded", error.at("/error/message").asText());
        assertFalse(response.body().contains("message_stop"));
    }

    @Test
    void a_stream_that_cannot_start_is_a_plain_http_error_not_an_event_stream() throws Exception {
        provider.stream = call -> {
            throw new ProviderException(new ProviderFailure(FailureKind.RATE_LIMITED, "slow down", "fake", 429,
                    Duration.ofSeconds(2)));
        };
        HttpResponse<String> response = server.post("/v1/messages", HELLO_STREAM);
        assertEquals(429, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        assertEquals("2", response.headers().firstValue("retry-after").orElseThrow());
    }

    @Test
    void a_client_that_disconnects_closes_the_provider_stream() throws Exception {
        QueueStream upstream = new QueueStream().push(new StreamEvent.MessageStarted("msg_1", "claude-a", Usage.ZERO),
                new StreamEvent.BlockStarted(0, new BlockStart.Text()));
        provider.stream = call -> upstream;
        Thread feeder = Thread.ofVirtual().start(() -> {
            try {
                while (upstream.closed.getCount() > 0) {
                    upstream.push(new StreamEvent.BlockDelta(0, new Delta.Text("tick ")));
                    Thread.sleep(20);
                }
            } catch (InterruptedException ignored) {
                // test over
            }
        });
        // A raw socket, so "the client went away" means exactly that: the TCP connection is closed.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.base.getPort())) {
            byte[] body = HELLO_STREAM.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            assertTrue(socket.getInputStream().read(new byte[256]) > 0);
        }
        assertTrue(upstream.closed.await(3, TimeUnit.SECONDS), "the provider stream is closed after the client left");
        feeder.interrupt();
    }

    @Test
    void counts_tokens_locally() throws Exception {
        HttpResponse<String> response = server.post("/v1/messages/count_tokens?beta=true",
                "{\"model\":\"claude-a\",\"messages\":[{\"role\":\"user\",\"content\":\"foo\"}]}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(7, json(response).get("input_tokens").asInt());
    }

    @Test
    void lists_models_with_anthropic_pagination() throws Exception {
        JsonNode all = json(server.get("/v1/models?limit=1000&beta=true"));
        assertEquals(3, all.get("data").size());
        assertEquals("model", all.at("/data/0/type").asText());
        assertEquals("claude-a", all.at("/data/0/id").asText());
        assertEquals("claude-a display", all.at("/data/0/display_name").asText());
        assertNotNull(all.at("/data/0/created_at").asText());
        assertFalse(all.get("has_more").asBoolean());
        assertEquals("claude-a", all.get("first_id").asText());
        assertEquals("claude-c", all.get("last_id").asText());
        JsonNode page = json(server.get("/v1/models?limit=1&after_id=claude-a"));
        assertEquals("claude-b", page.at("/data/0/id").asText());
        assertTrue(page.get("has_more").asBoolean());
        assertEquals("claude-c", json(server.get("/v1/models/claude-c")).get("id").asText());
        JsonNode declared = json(server.get("/v1/models/claude-b"));
        assertEquals(128_000, declared.get("max_input_tokens").asInt(), "the Models API's context-window field");
        assertEquals(16_384, declared.get("max_tokens").asInt(), "the Models API's output-limit field");
        assertTrue(all.at("/data/0").has("max_input_tokens") && all.at("/data/0/max_input_tokens").isNull(),
                "undeclared limits are null, never a guess: " + all.at("/data/0"));
        HttpResponse<String> missing = server.get("/v1/models/gpt-9");
        assertEquals(404, missing.statusCode());
        assertFalse(all.toString().contains("claude-3-5-sonnet-b"), "another name of a profile is not listed: " + all);
        JsonNode alias = json(server.get("/v1/models/claude-3-5-sonnet-b"));
        assertEquals("claude-b", alias.get("id").asText(), "an alias answers with the model it names, as Anthropic's does");
        assertEquals(128_000, alias.get("max_input_tokens").asInt());
        assertEquals("not_found_error", json(missing).at("/error/type").asText());
    }

    @Test
    void health_and_root_answer_without_credentials_and_without_secrets() throws Exception {
        HttpResponse<String> health = server.client.send(HttpRequest.newBuilder(server.base.resolve("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        JsonNode body = json(health);
        assertEquals("ok", body.get("status").asText());
        assertEquals("FAKE_KEY", body.at("/backends/0/api_key_env").asText());
        assertTrue(body.at("/backends/0/api_key_present").asBoolean());
        HttpResponse<Void> head = server.client.send(HttpRequest.newBuilder(server.base.resolve("/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals(200, server.client.send(HttpRequest.newBuilder(server.base.resolve("/")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<Void> hello = server.client.send(HttpRequest.newBuilder(server.base.resolve("/api/hello"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, hello.statusCode(), "Claude Code 2.1.332's start-up probe");
        assertEquals(200, server.client.send(HttpRequest.newBuilder(server.base.resolve("/api/hello")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void claude_codes_session_and_agent_headers_reach_the_application_with_the_request() throws Exception {
        provider.complete = call -> answer(call.route().alias(), call.messageId(), new ContentBlock.Text("ok"));
        HttpResponse<String> response = server.client.send(server.request("/v1/messages?beta=true")
                .header("x-claude-code-session-id", "5ace366f-4292-44ab-ac22-1d4a2aa34f5e")
                .header("x-claude-code-agent-id", "a2c13816505b5049a")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        var client = provider.calls.getFirst().request().client();
        assertEquals("5ace366f-4292-44ab-ac22-1d4a2aa34f5e", client.sessionId());
        assertEquals("a2c13816505b5049a", client.agentId());
        assertEquals(null, client.parentAgentId());
    }

    /** Splits an SSE body into [event name, data] pairs, failing on a frame without an event line. */
    static List<String[]> frames(String body) {
        List<String[]> frames = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            assertNotNull(event, "frame without an event line: " + block);
            assertNotNull(data, "frame without data: " + block);
            frames.add(new String[] {event, data});
        }
        return frames;
    }
}
