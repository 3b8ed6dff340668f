package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.claudia.router.fakeopenai.FakeHttp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Anthropic Messages endpoint: Anthropic's key and version checks and error texts, scripts, the journal. */
class AnthropicEndpointTest {

    @RegisterExtension
    static final FakeHttp http = new FakeHttp();

    private static final String HELLO = "{\"model\":\"claude-up\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @BeforeEach
    void keys() throws Exception {
        assertEquals(200, http.post("/__admin/anthropic/keys", "{\"keys\":[\"sk-ant-good\"]}").statusCode());
    }

    private static HttpResponse<String> messages(String path, String key, String bearer, String version, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-api-key", key);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (version != null) {
            request.header("anthropic-version", version);
        }
        return http.send(request);
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String message) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("error", body.get("type").asText());
        assertEquals(type, body.at("/error/type").asText());
        assertEquals(message, body.at("/error/message").asText());
        assertEquals(body.get("request_id").asText(), response.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void checks_the_key_and_the_version_the_way_anthropic_does() throws Exception {
        assertError(messages("/v1/messages", null, null, "2023-06-01", HELLO), 401, "authentication_error",
                "x-api-key header is required");
        assertError(messages("/v1/messages", "sk-ant-wrong", null, "2023-06-01", HELLO), 401, "authentication_error",
                "invalid x-api-key");
        assertError(messages("/v1/messages", null, "sk-ant-wrong", "2023-06-01", HELLO), 401, "authentication_error",
                "invalid bearer token");
        assertError(messages("/v1/messages", "sk-ant-good", null, null, HELLO), 400, "invalid_request_error",
                "anthropic-version: header is required");
        assertError(messages("/v1/messages", "sk-ant-good", null, "2023-06-01", "{\"max_tokens\":1}"), 400,
                "invalid_request_error", "model: Field required");
        assertError(messages("/v1/messages", null, "sk-ant-good", "2023-06-01", HELLO), 404, "not_found_error",
                "model: claude-up");
    }

    @Test
    void plays_scripts_with_named_sse_events_and_journals_the_headers() throws Exception {
        http.script("claude-up", "{\"sse\":[{\"event\":\"message_start\",\"data\":\"{\\\"type\\\":\\\"message_start\\\"}\"},"
                + "{\"event\":\"message_stop\",\"data\":\"{\\\"type\\\":\\\"message_stop\\\"}\"}]}");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.base.resolve("/v1/messages"))
                .header("x-api-key", "sk-ant-good").header("anthropic-version", "2023-06-01").header("anthropic-beta", "b1,b2")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)));
        assertEquals("event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: message_stop\ndata: "
                + "{\"type\":\"message_stop\"}\n\n", response.body());
        JsonNode recorded = JSON.readTree(http.get("/__admin/requests?model=claude-up").body()).get(0);
        assertEquals("/v1/messages", recorded.get("path").asText());
        assertEquals("sk-ant-good", recorded.at("/headers/x-api-key").asText());
        assertEquals("b1,b2", recorded.at("/headers/anthropic-beta").asText());
        assertEquals("claude-up", recorded.at("/body/model").asText());
    }

    @Test
    void counts_tokens_by_itself_unless_a_count_is_scripted() throws Exception {
        HttpResponse<String> counted = messages("/v1/messages/count_tokens", "sk-ant-good", null, "2023-06-01", HELLO);
        assertEquals(200, counted.statusCode());
        int tokens = JSON.readTree(counted.body()).get("input_tokens").asInt();
        assertTrue(tokens > 10 && tokens < 40, counted.body());
        http.script("count_tokens:claude-up", "{\"json\":{\"input_tokens\":777}}", "{\"status\":404,\"json\":{\"type\":\"error\","
                + "\"error\":{\"type\":\"not_found_error\",\"message\":\"Not Found\"}}}");
        assertEquals("{\"input_tokens\":777}", messages("/v1/messages/count_tokens", "sk-ant-good", null, "2023-06-01", HELLO).body());
        assertEquals(404, messages("/v1/messages/count_tokens", "sk-ant-good", null, "2023-06-01", HELLO).statusCode());
        assertEquals(404, messages("/v1/messages", "sk-ant-good", null, "2023-06-01", HELLO).statusCode(),
                "count scripts are not message scripts");
    }

    @Test
    void refuses_keys_that_are_not_strings() throws Exception {
        assertEquals(400, http.post("/__admin/anthropic/keys", "{\"keys\":[1]}").statusCode());
        assertEquals(400, http.post("/__admin/anthropic/keys", "{}").statusCode());
    }
}
