package dev.claudia.router.application;

import dev.claudia.router.domain.message.ClientMetadata;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private String line(boolean logPrompts) {
        RequestLog log = new RequestLog(logPrompts, now::get);
        RequestTrace trace = log.start("req_abc", "POST /v1/messages");
        trace.request(MessageRequest.of("claude-x", 10, List.of(Message.user("my secret plan \"quoted\""))));
        trace.routedBy("modelProfiles");
        trace.attemptStarted(new Route("claude-x", "claude-x", "nvidia", "z-ai/glm4.7", RetryPolicy.of(2, 0),
                RawJson.EMPTY_OBJECT, Capabilities.DEFAULT));
        trace.accept(new Warning("cache_control", "providers cache"));
        trace.accept(new Warning("cache_control", "providers cache"));
        trace.accept(new Warning("context_management", "anthropic only"));
        trace.usage(new Usage(20, 7, 100, 0, 0, false), StopReason.END_TURN);
        now.addAndGet(42_000_000L);
        return log.format(trace.snapshot(now.get()));
    }

    @Test
    void writes_one_logfmt_line_with_route_status_latency_tokens_and_drops() {
        String line = line(false);
        assertEquals("req_abc POST /v1/messages model=claude-x stream=false backend=nvidia target=z-ai/glm4.7 "
                + "rule=modelProfiles status=0 latency_ms=42 in=120 out=7 stop=end_turn attempts=1 "
                + "dropped=cache_control,context_management", line);
    }

    @Test
    void names_the_clients_session_and_subagent_when_it_sends_them() {
        RequestLog log = new RequestLog(false, now::get);
        RequestTrace trace = log.start("req_abc", "POST /v1/messages");
        trace.request(MessageRequest.of("claude-x", 10, List.of(Message.user("hi")))
                .withClient(new ClientMetadata("5ace366f-4292", "a2c138", null)));
        trace.routedBy("modelProfiles+sticky");
        assertEquals("req_abc POST /v1/messages model=claude-x stream=false session=5ace366f-4292 agent=a2c138 status=0 "
                + "latency_ms=0", log.format(trace.snapshot(now.get())));
    }

    @Test
    void never_logs_the_prompt_unless_asked_to() {
        assertFalse(line(false).contains("secret"));
        assertTrue(line(true).endsWith(" prompt=\"my secret plan \\\"quoted\\\"\""), line(true));
    }

    @Test
    void a_value_cannot_forge_a_log_line() {
        RequestLog log = new RequestLog(false, now::get);
        RequestTrace trace = log.start("req_abc", "POST /v1/messages");
        trace.request(MessageRequest.of("m\r\n2026-01-01T00:00:00Z INFO claudia.request req_fake status=200\u0007\u2028",
                10, List.of(Message.user("hi"))));
        trace.accept(new Warning("x\ny", "unknown field"));
        String line = log.format(trace.snapshot(now.get()));
        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u0007") || line.contains("\u2028"), line);
        assertTrue(line.contains(" model=\"m\\r\\n2026-01-01T00:00:00Z INFO claudia.request req_fake status=200"
                + "\\u0007\\u2028\" "), line);
        assertTrue(line.endsWith(" dropped=\"x\\ny\""), line);
        assertEquals("plain-value", RequestLog.quoted("plain-value"));
        assertEquals("\"a=b\"", RequestLog.quoted("a=b"));
    }

    @Test
    void a_request_line_lists_a_bounded_number_of_dropped_fields() {
        RequestLog log = new RequestLog(false, now::get);
        RequestTrace trace = log.start("req_abc", "POST /v1/messages");
        for (int i = 0; i < 100; i++) {
            trace.accept(new Warning("field" + i, "unknown field, not forwarded"));
        }
        String line = log.format(trace.snapshot(now.get()));
        assertTrue(line.contains("field31,(+68 more)"), line);
        assertFalse(line.contains("field32"), line);
    }

    @Test
    void the_once_per_kind_warnings_are_bounded() {
        List<String> logged = new java.util.ArrayList<>();
        RequestLog log = new RequestLog(false, now::get, logged::add);
        for (int r = 0; r < 20; r++) {
            RequestTrace trace = log.start("req_" + r, "POST /v1/messages");
            for (int i = 0; i < 100; i++) {
                trace.accept(new Warning("f" + r + "_" + i, "unknown field, not forwarded"));
            }
        }
        assertEquals(RequestLog.MAX_WARNED_FIELDS, logged.size(), "one line per kind up to the bound, then one notice");
        assertTrue(logged.getLast().startsWith("more than " + RequestLog.MAX_WARNED_FIELDS + " kinds"), logged.getLast());
    }
}
