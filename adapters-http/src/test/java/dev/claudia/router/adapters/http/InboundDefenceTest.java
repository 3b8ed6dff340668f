package dev.claudia.router.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP edge's defences: exposure, limits, admission and secrets, on a real server. */
class InboundDefenceTest {

    private static final String KEY = "sk-provider-key-0123456789";
    private static final String HELLO = "{\"model\":\"claude-a\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final FakeProvider provider = new FakeProvider();
    private TestServer server = start(InboundLimits.defaults(), Access.local(ClientKeys.none()));

    private TestServer start(InboundLimits limits, Access access) {
        return new TestServer(provider, new HttpSettings(limits, Duration.ofMillis(200), access, Redactor.of(List.of(KEY))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private static MessageResponse ok(String model, String id) {
        return new MessageResponse(id, model, List.of(new ContentBlock.Text("ok")), StopReason.END_TURN, null, Usage.of(1, 1));
    }

    /** Sends raw bytes and returns the one answer (status line, headers and Content-Length bytes of body). */
    private String raw(String head, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.base.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((head + body).getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            while (!answer.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return answer.toString();
                }
                answer.append((char) c);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(answer);
            if (length.find()) {
                answer.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }

    @Test
    void a_foreign_host_is_dns_rebinding_and_refused_on_every_path() throws Exception {
        for (String path : List.of("/v1/messages", "/health", "/")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: evil.example:8082\r\nx-api-key: k\r\n\r\n", "");
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("\"permission_error\"") && answer.contains("DNS rebinding"), answer);
        }
        for (String host : List.of("localhost:1", "127.0.0.1", "[::1]:8082", "LOCALHOST.")) {
            assertTrue(raw("GET /health HTTP/1.1\r\nHost: " + host + "\r\n\r\n", "").startsWith("HTTP/1.1 200"), host);
        }
        server.close();
        server = start(InboundLimits.defaults(), new Access(ClientKeys.none(), List.of("my-box.lan"), List.of()));
        assertTrue(raw("GET /health HTTP/1.1\r\nHost: my-box.lan:8082\r\n\r\n", "").startsWith("HTTP/1.1 200"));
    }

    @Test
    void a_web_page_origin_is_refused_unless_configured_and_then_gets_cors() throws Exception {
        provider.complete = call -> ok(call.route().alias(), call.messageId());
        HttpResponse<String> refused = server.client.send(server.request("/v1/messages").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
        assertEquals("permission_error", json(refused).at("/error/type").asText());
        assertTrue(provider.calls.isEmpty(), "nothing reached a provider");

        server.close();
        server = start(InboundLimits.defaults(), new Access(ClientKeys.none(), List.of(), List.of("https://app.example")));
        String preflight = raw("OPTIONS /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://app.example\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: x-api-key, content-type\r\n\r\n", "");
        assertTrue(preflight.startsWith("HTTP/1.1 204"), preflight);
        assertTrue(preflight.toLowerCase().contains("access-control-allow-origin: https://app.example"), preflight);
        assertTrue(preflight.toLowerCase().contains("access-control-allow-headers: x-api-key, content-type"), preflight);
        HttpResponse<String> allowed = server.client.send(server.request("/v1/messages").header("Origin", "https://app.example")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("https://app.example", allowed.headers().firstValue("access-control-allow-origin").orElseThrow());
    }

    @Test
    void an_absurd_content_length_is_a_413_without_reading_the_body() throws Exception {
        String answer = raw("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\nContent-Length: 3000000000\r\n\r\n", "{");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"request_too_large\"") && answer.contains("request body is 3000000000 bytes"), answer);
    }

    @Test
    void nesting_tool_count_and_schema_size_are_bounded_with_clear_400s() throws Exception {
        server.close();
        server = start(new InboundLimits(64 * 1024, 64 * 1024, 4, Duration.ofSeconds(5), 32, 2, 1024),
                Access.local(ClientKeys.none()));
        String deep = HELLO.replace("\"hi\"", "[".repeat(40) + "]".repeat(40));
        assertError(server.post("/v1/messages", deep), 400, "request body nests deeper than 32 levels");
        String tool = "{\"name\":\"t%d\",\"input_schema\":{\"type\":\"object\"}}";
        String three = HELLO.replace("}]}", "}],\"tools\":[" + tool.formatted(1) + "," + tool.formatted(2) + ","
                + tool.formatted(3) + "]}");
        assertError(server.post("/v1/messages", three), 400, "tools: at most 2 tools are allowed, got 3 (limits.maxTools)");
        String big = HELLO.replace("}]}", "}],\"tools\":[" + tool.formatted(1) + ",{\"name\":\"huge\",\"input_schema\":"
                + "{\"type\":\"object\",\"description\":\"" + "d".repeat(2000) + "\"}}]}");
        assertError(server.post("/v1/messages", big), 400, "tools.1.input_schema: the schema of tool 'huge' is");
        assertTrue(provider.calls.isEmpty());
    }

    @Test
    void a_tool_result_without_its_tool_use_is_anthropics_400() throws Exception {
        String orphan = "{\"model\":\"claude-a\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"go\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"content\":\"?\"}]}]}";
        assertError(server.post("/v1/messages", orphan), 400, "messages.2.content.1: unexpected `tool_use_id` found in "
                + "`tool_result` blocks: toolu_9. Each `tool_result` block must have a corresponding `tool_use` block in "
                + "the previous message.");
        provider.complete = call -> ok(call.route().alias(), call.messageId());
        String answered = orphan.replace(",{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"content\":\"?\"}", "")
                .replace("{\"role\":\"assistant\"", "{\"role\":\"assistant\",\"content\":\"thinking aloud\"},{\"role\":\"system\","
                        + "\"content\":\"a reminder\"},{\"role\":\"assistant\"");
        assertEquals(200, server.post("/v1/messages", answered).statusCode(), "a system message in between is fine");
    }

    @Test
    void past_the_provider_request_bound_the_answer_is_529_with_retry_after() throws Exception {
        server.close();
        server = start(new InboundLimits(64 * 1024, 64 * 1024, 1, Duration.ofSeconds(5), 64, 10, 8192),
                Access.local(ClientKeys.none()));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdInProvider(inside, release);
        var first = server.client.sendAsync(server.request("/v1/messages").POST(HttpRequest.BodyPublishers.ofString(HELLO))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        HttpResponse<String> second = server.post("/v1/messages", HELLO);
        assertError(second, 529, "Claudia Router is already serving its limit of 1 requests to providers");
        assertEquals("overloaded_error", json(second).at("/error/type").asText());
        assertEquals("2", second.headers().firstValue("retry-after").orElseThrow());
        assertEquals(200, server.post("/v1/messages/count_tokens", HELLO).statusCode(), "count_tokens needs no provider");
        release.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, server.post("/v1/messages", HELLO).statusCode(), "the slot was given back");
    }

    @Test
    void past_the_body_bytes_bound_the_answer_is_529() throws Exception {
        server.close();
        server = start(new InboundLimits(40 * 1024, 40 * 1024, 10, Duration.ofSeconds(5), 64, 10, 8192),
                Access.local(ClientKeys.none()));
        String body = HELLO.replace("\"hi\"", "\"" + "x".repeat(25 * 1024) + "\"");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdInProvider(inside, release);
        var first = server.client.sendAsync(server.request("/v1/messages").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        assertError(server.post("/v1/messages", body), 529, "Claudia Router is already holding 0 MB of request bodies");
        release.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, server.post("/v1/messages", body).statusCode(), "the bytes were given back");
    }

    @Test
    void a_provider_error_that_echoes_the_key_reaches_the_client_masked_as_json_and_as_an_event() throws Exception {
        provider.complete = call -> {
            throw new ProviderException(ProviderFailure.of(FailureKind.AUTHENTICATION, "fake",
                    "Incorrect API key provided: " + KEY));
        };
        HttpResponse<String> response = server.post("/v1/messages", HELLO);
        assertEquals(401, response.statusCode());
        assertFalse(response.body().contains(KEY), response.body());
        assertTrue(response.body().contains("Incorrect API key provided: [REDACTED]"), response.body());

        QueueStream upstream = new QueueStream().push(new StreamEvent.MessageStarted("msg_1", "claude-a", Usage.ZERO),
                new StreamEvent.BlockStarted(0, new BlockStart.Text()), new StreamEvent.BlockDelta(0, new Delta.Text("a")),
                new StreamEvent.StreamFailed(ProviderFailure.of(FailureKind.SERVER_ERROR, "fake", "echo " + KEY)));
        upstream.end();
        provider.stream = call -> upstream;
        HttpResponse<InputStream> stream = server.client.send(server.request("/v1/messages").POST(
                HttpRequest.BodyPublishers.ofString(HELLO.replace("}]}", "}],\"stream\":true}"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String events = new String(stream.body().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(events.contains("event: error") && events.contains("echo [REDACTED]"), events);
        assertFalse(events.contains(KEY), events);
    }

    @Test
    void root_proves_the_client_keys_it_holds_without_showing_them() throws Exception {
        server.close();
        server = start(InboundLimits.defaults(), Access.local(ClientKeys.of(List.of("client-key-for-proofs-1"))));
        String nonce = "abcdefghijklmnop0123";
        HttpResponse<String> root = server.client.send(HttpRequest.newBuilder(server.base.resolve("/"))
                .header("x-claudia-challenge", nonce).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(ClientKeys.proof("client-key-for-proofs-1", server.base.getPort(), nonce),
                root.headers().firstValue("x-claudia-proof").orElseThrow());
        HttpResponse<String> bad = server.client.send(HttpRequest.newBuilder(server.base.resolve("/"))
                .header("x-claudia-challenge", "short").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(bad.headers().firstValue("x-claudia-proof").isEmpty(), "no proof for a nonce that is no nonce");
    }

    /** The provider answers only once {@code release} opens; {@code inside} opens when a call is waiting. */
    private void holdInProvider(CountDownLatch inside, CountDownLatch release) {
        provider.complete = call -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok(call.route().alias(), call.messageId());
        };
    }

    private static void assertError(HttpResponse<String> response, int status, String messageStart) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("error", body.get("type").asText());
        assertTrue(body.at("/error/message").asText().startsWith(messageStart), body.at("/error/message").asText());
    }
}
