package com.acme.claudia.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Warning;
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
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.ProviderServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter against a stub of the gateway: what goes up, and every kind of answer coming back. */
class GatewayProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubGateway gateway = new StubGateway();
    private final List<Warning> warnings = new ArrayList<>();

    GatewayProviderTest() throws Exception {
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private ChatProvider provider() {
        ProviderServices services = new ProviderServices(ids(), tokens(), Clock.systemUTC(), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        return new GatewayFactory().create(new BackendSettings("acme", gateway.baseUrl(), "acme-key-1", "ACME_API_KEY"),
                new RawJson("{\"tenant\":\"research\"}"), services);
    }

    private ProviderCall call(MessageRequest request, String profileOptions, String extraBody) {
        Route route = new Route("claude-acme", "claude-acme", "acme", "acme-large", RetryPolicy.of(1, 0),
                new RawJson(extraBody), Capabilities.DEFAULT, ModelLimits.UNDECLARED, new RawJson(profileOptions));
        return new ProviderCall(route, request, "msg_ours", () -> 21, warnings::add);
    }

    private static MessageRequest conversation() {
        return new MessageRequest("claude-acme", List.of(new ContentBlock.Text("Be brief.")), List.of(
                Message.user("What is the weather?"),
                Message.assistant(new ContentBlock.ToolUse("toolu_1", "get_weather", new RawJson("{\"city\":\"Paris\"}"))),
                new Message(dev.claudia.router.domain.message.Role.USER, List.of(new ContentBlock.ToolResult("toolu_1",
                        List.of(new ContentBlock.Text("18 C")), false), new ContentBlock.Text("And tomorrow?")))),
                List.of(new ToolDefinition.Function("get_weather", "weather", new RawJson("{\"type\":\"object\"}"), false)),
                null, 64, new Sampling(0.2, null, null), List.of("END"), null, new ThinkingConfig.Enabled(1024), null, null,
                false, Set.of());
    }

    @Test
    void sends_the_conversation_as_text_turns_with_its_key_tenant_and_priority_and_reports_what_it_cannot_take()
            throws Exception {
        gateway.chunks = List.of("{\"id\":\"gen-1\",\"output\":\"Sunny.\",\"finish\":\"stop\",\"usage\":{\"input\":30,\"output\":2}}");
        MessageResponse answer = provider().complete(call(conversation(), "{\"priority\":\"batch\"}",
                "{\"routing\":{\"region\":\"eu\"}}"));

        assertEquals(List.of(new ContentBlock.Text("Sunny.")), answer.content());
        assertEquals(StopReason.END_TURN, answer.stopReason());
        assertEquals(Usage.of(30, 2), answer.usage());
        assertEquals("msg_ours", answer.id());
        assertEquals("claude-acme", answer.model());

        StubGateway.Received sent = gateway.received.getFirst();
        assertEquals("Bearer acme-key-1", sent.header("Authorization"));
        assertEquals("research", sent.header("X-Acme-Tenant"));
        assertEquals("batch", sent.header("X-Acme-Priority"));
        JsonNode body = JSON.readTree(sent.body());
        assertEquals(JSON.readTree("""
                {"model":"acme-large","system":"Be brief.","turns":[
                  {"role":"user","text":"What is the weather?"},
                  {"role":"assistant","text":"[called tool get_weather with {\\"city\\":\\"Paris\\"}]"},
                  {"role":"user","text":"[tool result: 18 C]\\nAnd tomorrow?"}],
                 "maxTokens":64,"temperature":0.2,"stop":["END"],"stream":false,"routing":{"region":"eu"}}"""), body);
        assertEquals(List.of("tools", "thinking"), warnings.stream().map(Warning::field).toList());
    }

    @Test
    void streams_ndjson_lines_as_one_text_block_that_obeys_the_stream_grammar() {
        gateway.contentType = "application/x-ndjson";
        gateway.chunks = List.of("{\"delta\":\"Hel\"}\n", "{\"delta\":\"lo\"}\n\n{\"progress\":0.5}\n",
                "{\"finish\":\"length\",\"usage\":{\"input\":5,\"output\":2}}\n");
        List<StreamEvent> events = new ArrayList<>();
        try (EventStream stream = provider().stream(call(MessageRequest.of("claude-acme", 2,
                List.of(Message.user("hi"))), "{}", "{}"))) {
            for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                events.add(e);
            }
        }
        StreamGrammar.check(events);
        MessageAccumulator accumulator = new MessageAccumulator();
        events.forEach(accumulator::accept);
        MessageResponse folded = accumulator.result();
        assertEquals(List.of(new ContentBlock.Text("Hello")), folded.content());
        assertEquals(StopReason.MAX_TOKENS, folded.stopReason());
        assertEquals(Usage.of(5, 2), folded.usage());
        assertTrue(gateway.received.getFirst().body().contains("\"stream\":true"));
        assertEquals("interactive", gateway.received.getFirst().header("X-Acme-Priority"));
    }

    @Test
    void a_rejected_key_an_unknown_model_and_a_broken_stream_are_failures_of_the_right_kind() {
        gateway.status = 401;
        gateway.chunks = List.of("{\"error\":{\"code\":\"unauthorized\",\"message\":\"invalid token\"}}");
        ProviderException rejected = assertThrows(ProviderException.class, () -> provider().complete(call(
                MessageRequest.of("claude-acme", 8, List.of(Message.user("hi"))), "{}", "{}")));
        assertEquals(FailureKind.AUTHENTICATION, rejected.failure().kind());
        assertTrue(rejected.getMessage().contains("ACME_API_KEY") && rejected.getMessage().contains("invalid token"));
        assertFalse(rejected.getMessage().contains("acme-key-1"), "never the key itself");

        gateway.status = 404;
        gateway.chunks = List.of("{\"error\":{\"code\":\"unknown_model\",\"message\":\"no model acme-large\"}}");
        assertEquals(FailureKind.NOT_FOUND, assertThrows(ProviderException.class, () -> provider().stream(call(
                MessageRequest.of("claude-acme", 8, List.of(Message.user("hi"))), "{}", "{}"))).failure().kind());

        gateway.status = 200;
        gateway.contentType = "application/x-ndjson";
        gateway.chunks = List.of("{\"delta\":\"Hi\"}\n", "{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}\n");
        EventStream stream = provider().stream(call(MessageRequest.of("claude-acme", 8, List.of(Message.user("hi"))), "{}", "{}"));
        stream.next(); // message_start
        stream.next(); // block start
        stream.next(); // "Hi"
        ProviderException busy = assertThrows(ProviderException.class, stream::next);
        assertEquals(FailureKind.OVERLOADED, busy.failure().kind());
        assertTrue(busy.failure().retryable());

        gateway.chunks = List.of("{\"delta\":\"Hi\"}\n");
        EventStream cut = provider().stream(call(MessageRequest.of("claude-acme", 8, List.of(Message.user("hi"))), "{}", "{}"));
        ProviderException ended = assertThrows(ProviderException.class, () -> {
            while (cut.next() != null) {
                // drain
            }
        });
        assertEquals(FailureKind.MALFORMED_RESPONSE, ended.failure().kind());
        assertTrue(ended.getMessage().contains("before the finish line"), ended.getMessage());
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
                return text.length();
            }
        };
    }
}
