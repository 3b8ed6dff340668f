package dev.claudia.router.application;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteMessageTest {

    private final ScriptedProvider primary = new ScriptedProvider();
    private final ScriptedProvider secondary = new ScriptedProvider();
    private final RequestLog log = new RequestLog(false, System::nanoTime);
    private final AtomicInteger counted = new AtomicInteger();

    private RouteMessage router(int attempts, boolean withFallback) {
        Map<String, ConfiguredRoutes.Entry> table = new LinkedHashMap<>();
        List<Route> chain = new ArrayList<>(List.of(route("primary", attempts)));
        if (withFallback) {
            chain.add(route("secondary", 2));
        }
        table.put("claude-test", new ConfiguredRoutes.Entry("modelProfiles", chain, "test"));
        ConfiguredRoutes routes = new ConfiguredRoutes(table, route("primary", 1));
        TokenCounter tokens = new TokenCounter() {
            @Override
            public int countRequest(MessageRequest request) {
                counted.incrementAndGet();
                return 42;
            }

            @Override
            public int countText(String text) {
                return text.length();
            }
        };
        return new RouteMessage(routes, new ProviderDirectory(Map.of("primary", primary, "secondary", secondary)),
                new AttemptPolicy(), tokens, new SequentialIds());
    }

    private static Route route(String backend, int attempts) {
        return new Route("claude-test", "p-" + backend, backend, backend + "-model",
                new RetryPolicy(attempts, Duration.ZERO, Duration.ofSeconds(5)), RawJson.EMPTY_OBJECT,
                Capabilities.DEFAULT);
    }

    private static MessageRequest request(boolean stream) {
        return MessageRequest.of("claude-test", 100, List.of(Message.user("hi"))).withStream(stream);
    }

    private RequestTrace trace() {
        return log.start("req_1", "POST /v1/messages");
    }

    @Test
    void answers_from_the_first_route_and_echoes_the_requested_alias() {
        primary.answers("hello");
        MessageResponse response = router(3, false).complete(request(false), trace());
        assertEquals("claude-test", response.model());
        assertEquals(List.of(new ContentBlock.Text("hello")), response.content());
        assertEquals("primary-model", primary.calls.getFirst().route().providerModel());
    }

    @Test
    void retries_a_rate_limit_and_a_server_error_then_succeeds() {
        primary.fails(FailureKind.RATE_LIMITED).fails(FailureKind.SERVER_ERROR).answers("third time");
        MessageResponse response = router(3, false).complete(request(false), trace());
        assertEquals(List.of(new ContentBlock.Text("third time")), response.content());
        assertEquals(3, primary.calls.size());
        assertEquals(primary.calls.get(0).messageId(), primary.calls.get(2).messageId(), "one message id across retries");
    }

    @Test
    void retry_attempts_count_the_first_attempt() {
        primary.fails(FailureKind.OVERLOADED).fails(FailureKind.OVERLOADED).answers("never reached");
        ProviderException e = assertThrows(ProviderException.class, () -> router(2, false).complete(request(false), trace()));
        assertEquals(FailureKind.OVERLOADED, e.failure().kind());
        assertEquals(2, primary.calls.size());
    }

    @Test
    void never_retries_a_client_error() {
        primary.fails(FailureKind.INVALID_REQUEST).answers("never reached");
        assertThrows(ProviderException.class, () -> router(3, false).complete(request(false), trace()));
        assertEquals(1, primary.calls.size());
    }

    @Test
    void does_not_wait_out_a_retry_after_longer_than_the_cap() {
        primary.fails(FailureKind.RATE_LIMITED, Duration.ofMinutes(5)).answers("never reached");
        ProviderException e = assertThrows(ProviderException.class, () -> router(3, false).complete(request(false), trace()));
        assertEquals(Duration.ofMinutes(5), e.failure().retryAfter());
        assertEquals(1, primary.calls.size());
    }

    @Test
    void falls_back_to_the_next_route_when_the_first_is_exhausted() {
        primary.fails(FailureKind.UNREACHABLE).fails(FailureKind.UNREACHABLE);
        secondary.answers("from the fallback");
        MessageResponse response = router(2, true).complete(request(false), trace());
        assertEquals(List.of(new ContentBlock.Text("from the fallback")), response.content());
        assertEquals("claude-test", response.model());
        assertEquals(2, primary.calls.size());
        assertEquals(1, secondary.calls.size());
    }

    @Test
    void falls_back_even_on_a_failure_that_retrying_cannot_fix() {
        primary.fails(FailureKind.NOT_FOUND);
        secondary.answers("fallback");
        assertEquals("fallback", ((ContentBlock.Text) router(3, true).complete(request(false), trace()).content()
                .getFirst()).text());
        assertEquals(1, primary.calls.size());
    }

    @Test
    void counts_prompt_tokens_at_most_once_per_request() {
        primary.fails(FailureKind.SERVER_ERROR).answers("ok");
        RouteMessage router = router(3, false);
        router.complete(request(false), trace());
        primary.calls.forEach(c -> c.promptTokens().getAsInt());
        primary.calls.forEach(c -> c.promptTokens().getAsInt());
        assertEquals(1, counted.get());
    }

    @Test
    void a_stream_that_fails_before_content_is_retried_invisibly() {
        // message_start, then death: the caller may have seen message_start, nothing else.
        primary.streamsThenFails("lost", 1, FailureKind.SERVER_ERROR).answers("second try");
        List<StreamEvent> events = drain(router(3, false).stream(request(true), trace()));
        StreamGrammar.check(events);
        assertEquals(1, events.stream().filter(e -> e instanceof StreamEvent.MessageStarted).count(),
                "the replacement's message_start is swallowed");
        assertEquals("second try", text(events));
        assertEquals(List.of("call-1"), primary.closed.subList(0, 1), "the broken provider stream is closed");
    }

    @Test
    void a_finished_stream_releases_its_provider_stream_without_waiting_for_the_caller() {
        primary.answers("done");
        EventStream stream = router(1, false).stream(request(true), trace());
        StreamEvent last = null;
        for (StreamEvent e = stream.next(); !(e instanceof StreamEvent.MessageStopped); e = stream.next()) {
            last = e;
        }
        assertEquals(List.of("call-1"), primary.closed, "closed at message_stop, before another next() or close()");
        assertInstanceOf(StreamEvent.MessageDelta.class, last);
    }

    @Test
    void a_stream_that_fails_after_content_ends_with_an_error_event_and_is_not_retried() {
        // message_start, block start, text delta, then death
        primary.streamsThenFails("partial", 3, FailureKind.SERVER_ERROR).answers("must not be used");
        List<StreamEvent> events = drain(router(3, false).stream(request(true), trace()));
        StreamGrammar.check(events);
        assertInstanceOf(StreamEvent.StreamFailed.class, events.getLast());
        assertEquals(1, primary.calls.size());
    }

    @Test
    void a_stream_that_cannot_be_opened_throws_before_anything_is_sent() {
        primary.fails(FailureKind.AUTHENTICATION);
        ProviderException e = assertThrows(ProviderException.class, () -> router(3, false).stream(request(true), trace()));
        assertEquals(FailureKind.AUTHENTICATION, e.failure().kind());
    }

    @Test
    void a_stream_falls_back_to_the_next_route_before_content() {
        primary.streamsThenFails("x", 1, FailureKind.OVERLOADED).streamsThenFails("x", 1, FailureKind.OVERLOADED);
        secondary.answers("fallback stream");
        List<StreamEvent> events = drain(router(2, true).stream(request(true), trace()));
        StreamGrammar.check(events);
        assertEquals("fallback stream", text(events));
    }

    @Test
    void a_stream_exhausting_every_attempt_after_message_start_ends_with_an_error_event() {
        primary.streamsThenFails("x", 1, FailureKind.OVERLOADED).streamsThenFails("x", 1, FailureKind.OVERLOADED);
        List<StreamEvent> events = drain(router(2, false).stream(request(true), trace()));
        StreamGrammar.check(events);
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, events.getLast());
        assertEquals(FailureKind.OVERLOADED, failed.failure().kind());
    }

    @Test
    void a_stream_only_route_serves_a_whole_message_by_folding_the_stream() {
        Route streamOnly = new Route("claude-test", "p", "primary", "m", RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT,
                new Capabilities(Capabilities.Streaming.ONLY));
        ConfiguredRoutes routes = new ConfiguredRoutes(Map.of("claude-test",
                new ConfiguredRoutes.Entry("modelProfiles", List.of(streamOnly), "t")), streamOnly);
        primary.answers("folded");
        RouteMessage router = new RouteMessage(routes, new ProviderDirectory(Map.of("primary", primary)),
                new AttemptPolicy(), tokens(), new SequentialIds());
        MessageResponse response = router.complete(request(false), trace());
        assertEquals(List.of(new ContentBlock.Text("folded")), response.content());
    }

    @Test
    void the_trace_logs_the_route_attempts_and_failures() {
        primary.fails(FailureKind.RATE_LIMITED).answers("ok");
        RequestTrace trace = trace();
        router(3, false).complete(request(false), trace);
        String line = log.format(trace.snapshot(System.nanoTime()));
        assertTrue(line.contains("backend=primary"), line);
        assertTrue(line.contains("target=primary-model"), line);
        assertTrue(line.contains("attempts=2"), line);
        assertTrue(line.contains("failures=primary:rate_limited"), line);
        assertTrue(line.contains("rule=modelProfiles"), line);
    }

    static TokenCounter tokens() {
        return new TokenCounter() {
            @Override
            public int countRequest(MessageRequest request) {
                return 1;
            }

            @Override
            public int countText(String text) {
                return 1;
            }
        };
    }

    private static List<StreamEvent> drain(EventStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        return events;
    }

    private static String text(List<StreamEvent> events) {
        MessageAccumulator acc = new MessageAccumulator();
        events.forEach(acc::accept);
        return ((ContentBlock.Text) acc.result().content().getFirst()).text();
    }

    static final class SequentialIds implements IdGenerator {
        private int n;

        @Override
        public String messageId() {
            return "msg_" + (++n);
        }

        @Override
        public String toolUseId() {
            return "toolu_" + (++n);
        }

        @Override
        public String requestId() {
            return "req_" + (++n);
        }
    }
}
