package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.RawHttp;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input of every kind against the running router (a JVM of its own, configured with small
 * limits), sent with a raw socket client. Three kinds of outcome, each within a bound:
 * <ul>
 * <li>an Anthropic error (4xx, {@code {"type":"error",...}}, a {@code request_id}, a message naming the
 *     field): everything the router itself reads;</li>
 * <li>a refusal by the JDK HTTP server (4xx, HTML, connection closed): framing it rejects before any
 *     router code runs (a length that is not a 64-bit number, conflicting lengths);</li>
 * <li>the connection cut off without an answer: a client too slow to send its request (headers or
 *     body) within {@code limits.receiveTimeoutSeconds}, or headers past the JDK's size limits.</li>
 * </ul>
 * Never a 5xx, never a stack trace in the log, and the router keeps serving after all of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputContractTest {

    private static final int MAX_BODY = 1024 * 1024;
    private static final long ANSWER_BOUND_MS = 5000;
    private static final long CUT_OFF_BOUND_MS = 2000 + 2500; // receiveTimeoutSeconds + the JDK timer's tick + slack

    private static LaunchedRouter router;

    @BeforeAll
    static void start() throws Exception {
        FakeOpenAiContainer fake = FakeOpenAiContainer.shared();
        ObjectNode config = RouterUnderTest.JSON.createObjectNode().put("port", 0).put("defaultBackend", "fake");
        config.putObject("backends").putObject("fake").put("baseUrl", fake.baseUrl().toString())
                .put("apiKeyEnv", "FAKE_API_KEY").put("defaultModel", "bad-input-ok");
        config.putObject("modelProfiles").putObject("claude-ok").put("backend", "fake").put("providerModel", "bad-input-ok")
                .put("retryAttempts", 1);
        config.putObject("limits").put("maxBodyBytes", MAX_BODY).put("receiveTimeoutSeconds", 2).put("maxJsonDepth", 64)
                .put("maxTools", 4).put("maxToolSchemaChars", 2048);
        router = LaunchedRouter.start(config, Map.of("FAKE_API_KEY", "sk-fake-bad-input-key"));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    sealed interface Expect {}

    /** An Anthropic error with this status and type whose message contains {@code says}. */
    record Anthropic(int status, String type, String says) implements Expect {}

    /** The JDK server refuses the framing itself. */
    record JdkRefusal(int status) implements Expect {}

    /** No answer: the connection is closed within the bound. */
    record CutOff() implements Expect {}

    /** {@code fast}: bytes sent at once; the rest go one every {@code perByteMillis}. */
    record Case(String name, byte[] request, int fast, long perByteMillis, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String OK = "{\"model\":\"claude-ok\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static Case json(String name, String body, int status, String type, String says) {
        return bytes(name, body.getBytes(StandardCharsets.UTF_8), status, type, says);
    }

    private static Case bytes(String name, byte[] body, int status, String type, String says) {
        byte[] request = RawHttp.post("/v1/messages", "x-api-key: k\r\nContent-Type: application/json", body);
        return new Case(name, request, request.length, 0, new Anthropic(status, type, says));
    }

    private static Case invalid(String name, String body, String says) {
        return json(name, body, 400, "invalid_request_error", says);
    }

    private static Case raw(String name, String request, Expect expect) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        return new Case(name, bytes, bytes.length, 0, expect);
    }

    /** OK with one field's JSON value replaced ({@code "max_tokens":10} becomes {@code "max_tokens":<value>}). */
    private static String with(String field, String value) {
        return switch (field) {
            case "model" -> OK.replace("\"claude-ok\"", value);
            case "max_tokens" -> OK.replace("10", value);
            case "messages" -> OK.replace("[{\"role\":\"user\",\"content\":\"hi\"}]", value);
            case "message" -> OK.replace("{\"role\":\"user\",\"content\":\"hi\"}", value);
            case "content" -> OK.replace("\"hi\"", value);
            default -> OK.replace("}]}", "}]," + field + "}"); // a whole extra member, e.g. "\"stream\":\"yes\""
        };
    }

    static List<Case> cases() {
        String tool = "{\"name\":\"t%d\",\"input_schema\":{\"type\":\"object\"}}";
        List<Case> cases = new ArrayList<>(List.of(
                // the body as a whole
                invalid("empty body", "", "request body is empty"),
                invalid("not JSON", "hello", "request body is not valid JSON at line 1"),
                invalid("truncated JSON", OK.substring(0, 30), "request body is not valid JSON"),
                invalid("a JSON array", "[1,2,3]", "request body must be a JSON object"),
                invalid("a JSON string", "\"hi\"", "request body must be a JSON object"),
                bytes("invalid UTF-8", RawHttp.concat("{\"model\":\"claude-ok\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"a"
                        .getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, '"', '}', ']', '}'}), 400,
                        "invalid_request_error", "request body is not valid JSON"),
                invalid("nesting deeper than the limit", with("content", "[".repeat(100) + "]".repeat(100)),
                        "request body nests deeper than 64 levels"),
                json("body over the size limit", with("content", "\"" + "x".repeat(MAX_BODY) + "\""), 413,
                        "request_too_large", "the limit is " + MAX_BODY),
                // every top-level field: missing, null, empty, wrong type
                invalid("model missing", OK.replace("\"model\":\"claude-ok\",", ""), "model: Field required"),
                invalid("model null", with("model", "null"), "model: Field required"),
                invalid("model a number", with("model", "42"), "model: expected a string, got a number"),
                invalid("model an object", with("model", "{}"), "model: expected a string, got an object"),
                invalid("max_tokens missing", OK.replace("\"max_tokens\":10,", ""), "max_tokens: Field required"),
                invalid("max_tokens a string", with("max_tokens", "\"ten\""), "max_tokens: expected an integer, got a string"),
                invalid("max_tokens a fraction", with("max_tokens", "1.5"), "max_tokens: expected an integer"),
                invalid("max_tokens negative", with("max_tokens", "-1"), "max_tokens: must be at least 0"),
                invalid("max_tokens beyond an int", with("max_tokens", "100000000000000000000"), "max_tokens: expected an integer"),
                invalid("messages missing", OK.replace(",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]", ""),
                        "messages: Field required"),
                invalid("messages empty", with("messages", "[]"), "messages: at least one message is required"),
                invalid("messages an object", with("messages", "{}"), "messages: expected an array, got an object"),
                invalid("a message that is a string", with("message", "\"hi\""), "messages.0: expected an object, got a string"),
                invalid("role missing", with("message", "{\"content\":\"hi\"}"), "messages.0.role: Field required"),
                invalid("role unknown", with("message", "{\"role\":\"robot\",\"content\":\"hi\"}"),
                        "messages.0.role: role must be user, assistant or system; got 'robot'"),
                invalid("role a number", with("message", "{\"role\":1,\"content\":\"hi\"}"), "messages.0.role: expected a string"),
                invalid("role a huge string", with("message", "{\"role\":\"" + "r".repeat(600_000) + "\",\"content\":\"hi\"}"),
                        "messages.0.role: role must be user, assistant or system"),
                invalid("content missing", with("message", "{\"role\":\"user\"}"), "messages.0.content: Field required"),
                invalid("content a number", with("content", "7"), "messages.0.content: expected an array, got a number"),
                invalid("content block without type", with("content", "[{\"text\":\"hi\"}]"),
                        "messages.0.content.0.type: Field required"),
                invalid("content block of unknown type", with("content", "[{\"type\":\"hologram\"}]"),
                        "messages.0.content.0.type: unknown content block type 'hologram'"),
                invalid("text block with a number", with("content", "[{\"type\":\"text\",\"text\":5}]"),
                        "messages.0.content.0.text: expected a string, got a number"),
                invalid("image of an unsupported type", with("content", "[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                        + "\"media_type\":\"image/bmp\",\"data\":\"AA==\"}}]"), "messages.0.content.0.source.media_type: image media_type must be"),
                invalid("image from the Files API", with("content", "[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]"),
                        "messages.0.content.0.source.type: image source 'file'"),
                invalid("tool_use in a user message", with("content", "[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]"),
                        "messages.0.content.0.type: 'tool_use' blocks may only appear in assistant messages"),
                invalid("tool_result in an assistant message", with("messages", "[{\"role\":\"user\",\"content\":\"a\"},{\"role\":"
                        + "\"assistant\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}]"),
                        "messages.1.content.0.type: 'tool_result' blocks may only appear in user messages"),
                invalid("tool_use input not an object", with("messages", "[{\"role\":\"user\",\"content\":\"a\"},{\"role\":"
                        + "\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":[1]}]}]"),
                        "messages.1.content.0.input: tool_use input must be an object"),
                invalid("orphan tool_result", with("messages", "[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                        + "\"tool_use_id\":\"toolu_ghost\",\"content\":\"x\"}]}]"),
                        "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_ghost."),
                invalid("system a number", with("\"system\":3", ""), "system: expected an array, got a number"),
                invalid("system with an image block", with("\"system\":[{\"type\":\"image\"}]", ""),
                        "system.0.type: system content must be text blocks"),
                invalid("tools an object", with("\"tools\":{}", ""), "tools: expected an array, got an object"),
                invalid("tool without a name", with("\"tools\":[{\"input_schema\":{}}]", ""), "tools.0.name: Field required"),
                invalid("tool schema not an object", with("\"tools\":[{\"name\":\"t\",\"input_schema\":\"x\"}]", ""),
                        "tools.0.input_schema: input_schema must be a JSON Schema object"),
                invalid("more tools than the limit", with("\"tools\":[" + String.join(",", tool.formatted(1), tool.formatted(2),
                        tool.formatted(3), tool.formatted(4), tool.formatted(5)) + "]", ""), "tools: at most 4 tools are allowed, got 5"),
                invalid("a schema over the limit", with("\"tools\":[{\"name\":\"big\",\"input_schema\":{\"description\":\""
                        + "d".repeat(3000) + "\"}}]", ""), "tools.0.input_schema: the schema of tool 'big' is"),
                invalid("tool_choice of unknown type", with("\"tool_choice\":{\"type\":\"maybe\"}", ""),
                        "tool_choice.type: tool_choice type must be auto, any, tool or none"),
                invalid("thinking of unknown type", with("\"thinking\":{\"type\":\"deep\"}", ""), "thinking.type: thinking type must be"),
                invalid("thinking budget negative", with("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":-5}", ""),
                        "thinking.budget_tokens: must not be negative"),
                invalid("temperature a string", with("\"temperature\":\"hot\"", ""), "temperature: expected a number, got a string"),
                invalid("stream a string", with("\"stream\":\"yes\"", ""), "stream: expected a boolean, got a string"),
                invalid("stop_sequences not an array", with("\"stop_sequences\":\"END\"", ""), "stop_sequences: expected an array"),
                invalid("effort unknown", with("\"output_config\":{\"effort\":\"turbo\"}", ""), "output_config.effort: effort must be"),
                raw("count_tokens with a bad body", new String(RawHttp.post("/v1/messages/count_tokens?beta=true", "x-api-key: k",
                        "{\"model\":5}".getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1),
                        new Anthropic(400, "invalid_request_error", "model: expected a string")),
                // requests as a whole
                raw("no credentials", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}",
                        new Anthropic(401, "authentication_error", "missing credentials")),
                raw("wrong method", "GET /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n\r\n",
                        new Anthropic(405, "invalid_request_error", "method not allowed")),
                raw("unknown path", "POST /v1/complete HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\nContent-Length: 2\r\n\r\n{}",
                        new Anthropic(404, "not_found_error", "no such endpoint")),
                // lengths
                raw("Content-Length of 3000000000", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                        + "Content-Length: 3000000000\r\n\r\n{", new Anthropic(413, "request_too_large", "request body is 3000000000 bytes")),
                raw("Content-Length shorter than the body", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                        + "Content-Length: 10\r\n\r\n" + OK, new Anthropic(400, "invalid_request_error", "request body is not valid JSON")),
                raw("no Content-Length at all", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n\r\n",
                        new Anthropic(400, "invalid_request_error", "request body is empty")),
                chunked("a chunked body over the size limit", MAX_BODY + 1000),
                raw("Content-Length of 99999999999999999999 (not a 64-bit number)", "POST /v1/messages HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nx-api-key: k\r\nContent-Length: 99999999999999999999\r\n\r\n{", new JdkRefusal(400)),
                raw("negative Content-Length", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                        + "Content-Length: -5\r\n\r\n{}", new JdkRefusal(400)),
                raw("Content-Length and chunked together", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                        + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", new JdkRefusal(400)),
                // too slow, too big to read
                raw("Content-Length longer than the body, then silence", "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "x-api-key: k\r\nContent-Length: 5000\r\n\r\n{\"model\":", new CutOff()),
                raw("a connection that sends nothing", "", new CutOff()),
                raw("more headers than the limit", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + manyHeaders(150) + "\r\n",
                        new CutOff()),
                raw("a header larger than the limit", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                        + "b".repeat(80 * 1024) + "\r\n\r\n", new CutOff())));
        byte[] slow = RawHttp.post("/v1/messages", "x-api-key: k", OK.getBytes(StandardCharsets.UTF_8));
        cases.add(new Case("headers a byte every 300 ms", slow, 10, 300, new CutOff()));
        int head = new String(slow, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        cases.add(new Case("a body a byte every 300 ms", slow, head + 5, 300, new CutOff()));
        return cases;
    }

    /** The JDK counts header names, not lines. */
    private static String manyHeaders(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Many-").append(i).append(": 1\r\n");
        }
        return headers.toString();
    }

    private static Case chunked(String name, int size) {
        StringBuilder request = new StringBuilder("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        String chunk = "x".repeat(64 * 1024);
        for (int sent = 0; sent < size; sent += chunk.length()) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        return raw(name, request.toString(), new Anthropic(413, "request_too_large", "the limit is " + MAX_BODY));
    }

    @Test
    @Order(0)
    void the_table_is_large_enough() {
        assertTrue(cases().size() >= 40, "cases: " + cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void bad_input_gets_a_clear_4xx_within_a_bound_and_never_a_5xx(Case c) throws Exception {
        long bound = c.expect() instanceof CutOff ? CUT_OFF_BOUND_MS : ANSWER_BOUND_MS;
        RawHttp.Answer answer = RawHttp.trickle(router.port(), c.request(), c.fast(), c.perByteMillis(), bound + 2000,
                c.expect() instanceof JdkRefusal);
        assertTrue(answer.millis() <= bound, "within " + bound + " ms: " + answer);
        switch (c.expect()) {
            case Anthropic a -> {
                assertEquals(a.status(), answer.status(), answer.toString());
                JsonNode body = answer.json();
                assertEquals("error", body.path("type").asText(), answer.toString());
                assertEquals(a.type(), body.at("/error/type").asText(), answer.toString());
                assertTrue(body.at("/error/message").asText().contains(a.says()), answer.toString());
                assertTrue(body.path("request_id").asText().startsWith("req_"), answer.toString());
                assertEquals(body.path("request_id").asText(), answer.headers().get("request-id"));
                assertTrue(body.at("/error/message").asText().length() <= 2003, "messages stay short");
            }
            case JdkRefusal r -> {
                assertEquals(r.status(), answer.status(), answer.toString());
                assertTrue(answer.closed(), "the server closed the connection: " + answer);
            }
            case CutOff cut -> {
                assertEquals(-1, answer.status(), "no answer: " + answer);
                assertTrue(answer.closed(), answer.toString());
            }
        }
        assertTrue(answer.status() < 500, answer.toString());
        assertEquals(200, RawHttp.send(router.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), 2000).status(), "the router keeps serving");
    }

    @Test
    @Order(2)
    void after_all_of_it_the_router_still_answers_and_its_log_has_no_5xx_and_no_stack_trace() throws Exception {
        FakeOpenAiContainer.shared().admin().script("bad-input-ok", Script.json("{\"choices\":[{\"message\":{\"content\":"
                + "\"still here\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"));
        RawHttp.Answer ok = RawHttp.send(router.port(), RawHttp.post("/v1/messages", "x-api-key: k",
                OK.getBytes(StandardCharsets.UTF_8)), 10_000);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("still here", ok.json().at("/content/0/text").asText());
        assertTrue(router.alive());
        String log = router.log();
        assertFalse(log.contains("Exception"), log);
        assertFalse(log.contains("\tat "), "no stack trace: " + log);
        assertFalse(log.matches("(?s).*status=5\\d\\d.*"), log);
        assertTrue(log.contains("status=408 error=timeout_error"), "a body too slow to arrive is logged as such: " + log);
    }
}
