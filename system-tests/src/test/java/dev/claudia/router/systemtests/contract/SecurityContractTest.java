package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.LaunchedRouter;
import dev.claudia.router.systemtests.RawHttp;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import dev.claudia.router.systemtests.fake.Script;
import dev.claudia.router.systemtests.secrets.PlantedSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router as a web page, a network neighbour and a talkative provider would meet it. Secrets are
 * planted everywhere the router holds them (the provider key, credentials in base URLs, the client
 * key), the fake provider echoes them back in errors, and the last test searches every response body,
 * every response header and every log line of this class for them. The suite's planted key
 * ({@link PlantedSecret}) is echoed here too, so the end-of-suite scan meets a real masked echo.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityContractTest {

    private static final String PROVIDER_KEY = "sk-planted-provider-key-5f1e2d3c";
    private static final String URL_PASSWORD = "planted-url-password-77";
    private static final String QUERY_KEY = "planted-query-key-4242";
    private static final String CLIENT_KEY = "planted-client-key-0123456789abcdef";
    private static final List<String> SECRETS = List.of(PROVIDER_KEY, URL_PASSWORD, QUERY_KEY, CLIENT_KEY);

    private static FakeOpenAiAdmin fake;
    private static LaunchedRouter router;
    private static final HttpClient client = dev.claudia.router.systemtests.secrets.RecordingClient.newHttpClient();
    private static final StringBuilder everythingAnswered = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        URI fakeUrl = container.baseUrl();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ObjectNode config = RouterUnderTest.JSON.createObjectNode().put("port", 0).put("defaultBackend", "fake");
        ObjectNode backends = config.putObject("backends");
        backends.putObject("fake").put("baseUrl", "http://gateway-user:" + URL_PASSWORD + "@" + fakeUrl.getAuthority()
                + fakeUrl.getPath()).put("apiKeyEnv", "FAKE_API_KEY").put("defaultModel", "sec-echo");
        backends.putObject("gated").put("baseUrl", "http://127.0.0.1:" + closed + "/v1?key=" + QUERY_KEY)
                .put("defaultModel", "m");
        ObjectNode profiles = config.putObject("modelProfiles");
        profiles.putObject("claude-sec").put("backend", "fake").put("providerModel", "sec-echo").put("retryAttempts", 1);
        profiles.putObject("claude-gated").put("backend", "gated").put("retryAttempts", 1);
        // the backend the starter plants (the suite-wide secret scan's key), reachable here so the fake can echo its key
        profiles.putObject("claude-planted").put("backend", PlantedSecret.BACKEND).put("providerModel", "sec-planted")
                .put("retryAttempts", 1);
        config.putObject("access").putArray("allowedOrigins").add("https://allowed.example");
        router = LaunchedRouter.start(config, Map.of("FAKE_API_KEY", PROVIDER_KEY, "CLAUDIA_AUTH_TOKEN", CLIENT_KEY));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        everythingAnswered.append(response.headers().map()).append('\n').append(response.body()).append('\n');
        return response;
    }

    private static RawHttp.Answer raw(String request) throws Exception {
        RawHttp.Answer answer = RawHttp.send(router.port(), request.getBytes(StandardCharsets.ISO_8859_1), 5000);
        everythingAnswered.append(answer.headers()).append('\n').append(answer.body()).append('\n');
        return answer;
    }

    private static HttpRequest.Builder message(String alias, boolean stream) {
        return HttpRequest.newBuilder(router.baseUri().resolve("/v1/messages")).header("x-api-key", CLIENT_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + alias + "\",\"max_tokens\":20,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    }

    @Test
    @Order(1)
    void a_foreign_host_header_is_refused_and_loopback_names_are_served() throws Exception {
        RawHttp.Answer rebinding = raw("GET /health HTTP/1.1\r\nHost: attacker.example:" + router.port() + "\r\n\r\n");
        assertEquals(403, rebinding.status(), rebinding.toString());
        assertEquals("permission_error", rebinding.json().at("/error/type").asText());
        RawHttp.Answer messages = raw("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1.attacker.example\r\nx-api-key: "
                + CLIENT_KEY + "\r\nContent-Length: 2\r\n\r\n{}");
        assertEquals(403, messages.status(), messages.toString());
        assertEquals(200, raw("GET /health HTTP/1.1\r\nHost: localhost:" + router.port() + "\r\n\r\n").status());
    }

    @Test
    @Order(2)
    void a_web_page_is_refused_unless_its_origin_is_configured() throws Exception {
        fake.script("sec-echo", Script.json("{\"choices\":[{\"message\":{\"content\":\"hello page\"},\"finish_reason\":\"stop\"}]}"));
        int before = fake.requests("sec-echo").size();
        HttpResponse<String> evil = send(message("claude-sec", false).header("Origin", "https://evil.example"));
        assertEquals(403, evil.statusCode(), evil.body());
        assertEquals(before, fake.requests("sec-echo").size(), "no provider call for a refused page");
        HttpResponse<String> allowed = send(message("claude-sec", false).header("Origin", "https://allowed.example"));
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("https://allowed.example", allowed.headers().firstValue("access-control-allow-origin").orElseThrow());
    }

    @Test
    @Order(3)
    void only_the_client_key_opens_the_router() throws Exception {
        HttpResponse<String> wrong = send(message("claude-sec", false).setHeader("x-api-key", "guess"));
        assertEquals(401, wrong.statusCode());
        assertEquals("authentication_error", RouterUnderTest.json(wrong).at("/error/type").asText());
        HttpResponse<String> none = send(HttpRequest.newBuilder(router.baseUri().resolve("/v1/models")));
        assertEquals(401, none.statusCode());
    }

    @Test
    @Order(4)
    void a_provider_that_echoes_its_key_and_the_url_password_shows_the_client_neither() throws Exception {
        fake.script("sec-echo", Script.status(401).body("{\"error\":{\"message\":\"Incorrect API key provided: " + PROVIDER_KEY
                + " (basic auth " + URL_PASSWORD + ")\",\"type\":\"invalid_request_error\"}}"));
        HttpResponse<String> rejected = send(message("claude-sec", false));
        assertEquals(401, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("Incorrect API key provided: [REDACTED]"), rejected.body());

        fake.script("sec-echo", Script.sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"},\"finish_reason\":null}]}",
                "{\"error\":{\"message\":\"upstream says key " + PROVIDER_KEY + " is over quota\",\"code\":503}}"));
        HttpResponse<String> stream = send(message("claude-sec", true));
        assertTrue(stream.body().contains("event: error") && stream.body().contains("upstream says key [REDACTED]"),
                stream.body());
        assertTrue(fake.lastBody("sec-echo") != null);
        assertEquals("Bearer " + PROVIDER_KEY, fake.requests("sec-echo").getLast().at("/headers/authorization").asText(),
                "the provider itself does get its key");
    }

    @Test
    @Order(4)
    void the_suites_planted_key_echoed_by_its_provider_is_masked_like_any_other() throws Exception {
        fake.script("sec-planted", Script.status(401).body("{\"error\":{\"message\":\"Incorrect API key provided: "
                + PlantedSecret.VALUE + "\",\"type\":\"invalid_request_error\"}}"));
        HttpResponse<String> rejected = send(message("claude-planted", false));
        assertEquals(401, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("Incorrect API key provided: [REDACTED]"), rejected.body());
        assertEquals("Bearer " + PlantedSecret.VALUE, fake.requests("sec-planted").getLast().at("/headers/authorization").asText(),
                "the planted backend is a real one, its key sent to its provider");
    }

    @Test
    @Order(5)
    void health_and_unreachable_backends_name_urls_without_credentials() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(router.baseUri().resolve("/health")));
        assertTrue(health.body().contains("\"base_url\":\"http://***@127.0.0.1:"), health.body());
        assertTrue(health.body().contains("/v1?key=***\""), health.body());
        HttpResponse<String> gated = send(message("claude-gated", false));
        assertEquals(502, gated.statusCode(), gated.body());
        assertTrue(gated.body().contains("could not reach backend 'gated'"), gated.body());
    }

    @Test
    @Order(6)
    void listening_beyond_loopback_without_client_keys_is_refused_before_binding() throws Exception {
        ObjectNode config = RouterUnderTest.JSON.createObjectNode().put("port", 0).put("defaultBackend", "b");
        config.putObject("backends").putObject("b").put("baseUrl", "http://127.0.0.1:9/v1").put("defaultModel", "m");
        LaunchedRouter.Exit exit = LaunchedRouter.runToExit(config, Map.of("CLAUDIA_HOST", "0.0.0.0"));
        assertEquals(2, exit.code(), exit.output());
        assertTrue(exit.output().contains("refusing to listen on 0.0.0.0 without client keys"), exit.output());
        assertFalse(exit.output().contains("Exception"), exit.output());
        try (ServerSocket stillFree = new ServerSocket(exit.port())) {
            assertTrue(stillFree.isBound(), "the port was never bound");
        }
    }

    @Test
    @Order(7)
    void no_planted_secret_appears_in_any_answer_header_or_log_line_of_this_suite() throws Exception {
        String answers = everythingAnswered.toString();
        String log = router.log();
        assertTrue(answers.length() > 1000 && log.contains("claudia.request"), "there is something to search");
        for (String secret : SECRETS) {
            assertFalse(answers.contains(secret), secret + " in an answer: " + answers);
            assertFalse(log.contains(secret), secret + " in the log: " + log);
        }
        assertTrue(log.contains("[REDACTED]") || log.contains("***"), "the log did meet them: " + log);
    }
}
