package dev.claudia.router.application;

import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.stream.EventStream;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded;
import dev.claudia.router.domain.stream.StreamEvent.Forwarded.Kind;
import dev.claudia.router.domain.stream.StreamGrammar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pass-through adapter's answers through the use cases: its {@link Forwarded} events follow the
 * same commit rule as translated ones, routes of both kinds replace one another before the commit,
 * its usage reaches the log line, and count_tokens asks the route first.
 */
class PassThroughTest {

    private final ScriptedProvider anthropic = new ScriptedProvider();
    private final ScriptedProvider openai = new ScriptedProvider();
    private final RequestLog log = new RequestLog(false, System::nanoTime);

    private static final Forwarded START = new Forwarded(Verbatim.of("event: message_start\ndata: {}\n\n"),
            Kind.MESSAGE_START, new Usage(30, 1, 0, 0, 0, false), null);
    private static final Forwarded BLOCK = frame(Kind.BLOCK_START);
    private static final Forwarded DELTA = frame(Kind.BLOCK_DELTA);
    private static final Forwarded STOP_BLOCK = frame(Kind.BLOCK_STOP);
    private static final Forwarded MESSAGE_DELTA = new Forwarded(Verbatim.of("event: message_delta\ndata: {}\n\n"),
            Kind.MESSAGE_DELTA, new Usage(30, 5, 0, 0, 0, false), StopReason.END_TURN);
    private static final Forwarded STOP = frame(Kind.MESSAGE_STOP);

    private static Forwarded frame(Kind kind) {
        return Forwarded.of(Verbatim.of("event: " + kind + "\ndata: {}\n\n"), kind);
    }

    private static Route route(String backend, Capabilities.Streaming streaming) {
        return new Route("claude-test", "p-" + backend, backend, backend + "-model",
                new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(5)), RawJson.EMPTY_OBJECT,
                new Capabilities(streaming));
    }

    private static ConfiguredRoutes routes(String... backends) {
        List<Route> chain = new ArrayList<>();
        for (String backend : backends) {
            chain.add(route(backend, Capabilities.Streaming.BOTH));
        }
        return new ConfiguredRoutes(Map.of("claude-test", new ConfiguredRoutes.Entry("modelProfiles", chain, "t")),
                chain.getFirst());
    }

    private ProviderDirectory providers() {
        return new ProviderDirectory(Map.of("anthropic", anthropic, "openai", openai));
    }

    private RouteMessage router(String... backends) {
        return new RouteMessage(routes(backends), providers(), new AttemptPolicy(), tokens(),
                new RouteMessageTest.SequentialIds());
    }

    private static TokenCounter tokens() {
        return new TokenCounter() {
            public int countRequest(MessageRequest request) {
                return 7;
            }

            public int countText(String text) {
                return 1;
            }
        };
    }

    private static MessageRequest request() {
        return MessageRequest.of("claude-test", 100, List.of(Message.user("hi"))).withStream(true);
    }

    private static List<StreamEvent> drain(EventStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        return events;
    }

    @Test
    void forwarded_events_pass_unchanged_and_their_usage_and_stop_reason_reach_the_log() {
        List<StreamEvent> frames = List.of(START, BLOCK, DELTA, STOP_BLOCK, MESSAGE_DELTA, STOP);
        anthropic.streams(frames);
        RequestTrace trace = log.start("req_1", "POST /v1/messages");
        List<StreamEvent> out = drain(router("anthropic").stream(request(), trace));
        assertEquals(frames, out);
        for (int i = 0; i < frames.size(); i++) {
            assertSame(frames.get(i), out.get(i), "the same event, not a copy");
        }
        StreamGrammar.check(out);
        String line = log.format(trace.snapshot(System.nanoTime()));
        assertTrue(line.contains(" in=30 out=5 stop=end_turn"), line);
    }

    @Test
    void a_forwarded_stream_that_fails_before_content_falls_back_to_a_translated_route() {
        anthropic.streamsThenFails(List.of(START), FailureKind.OVERLOADED);
        openai.answers("from the fallback");
        List<StreamEvent> out = drain(router("anthropic", "openai").stream(request(), log.start("r", "POST /v1/messages")));
        assertSame(START, out.getFirst(), "the caller saw the provider's message_start");
        assertEquals(1, out.stream().filter(e -> e instanceof StreamEvent.MessageStarted
                || e instanceof Forwarded f && f.kind() == Kind.MESSAGE_START).count(), "exactly one message_start");
        assertInstanceOf(StreamEvent.BlockStarted.class, out.get(1));
        StreamGrammar.check(out);
    }

    @Test
    void a_translated_stream_that_fails_before_content_falls_back_to_a_forwarded_route_whose_start_is_swallowed() {
        openai.streamsThenFails("lost", 1, FailureKind.SERVER_ERROR);
        anthropic.streams(List.of(START, BLOCK, DELTA, STOP_BLOCK, MESSAGE_DELTA, STOP));
        List<StreamEvent> out = drain(router("openai", "anthropic").stream(request(), log.start("r", "POST /v1/messages")));
        assertInstanceOf(StreamEvent.MessageStarted.class, out.getFirst());
        assertEquals(List.of(BLOCK, DELTA, STOP_BLOCK, MESSAGE_DELTA, STOP), out.subList(1, out.size()));
        StreamGrammar.check(out);
    }

    @Test
    void forwarded_content_commits_so_a_later_failure_ends_the_stream_without_a_retry() {
        Forwarded unknown = frame(Kind.OTHER);
        anthropic.streamsThenFails(List.of(START, unknown), FailureKind.OVERLOADED);
        List<StreamEvent> out = drain(router("anthropic", "openai").stream(request(), log.start("r", "POST /v1/messages")));
        assertEquals(List.of(START, unknown), out.subList(0, 2), "an unknown event is content: it was sent");
        assertInstanceOf(StreamEvent.StreamFailed.class, out.getLast());
        assertEquals(0, openai.calls.size(), "no fallback after the commit");
    }

    @Test
    void forwarded_pings_do_not_commit() {
        anthropic.streamsThenFails(List.of(START, frame(Kind.PING)), FailureKind.OVERLOADED);
        openai.answers("fallback");
        List<StreamEvent> out = drain(router("anthropic", "openai").stream(request(), log.start("r", "POST /v1/messages")));
        assertEquals(1, openai.calls.size());
        StreamGrammar.check(out);
    }

    @Test
    void the_last_routes_own_error_body_reaches_the_caller_unchanged() {
        Verbatim body = Verbatim.wrap("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("x-should-retry", "true"));
        ProviderFailure failure = new ProviderFailure(FailureKind.OVERLOADED, "backend 'anthropic' returned HTTP 529",
                "anthropic", 529, null, body);
        ChatProvider failing = new ChatProvider() {
            @Override
            public MessageResponse complete(ProviderCall call) {
                throw new ProviderException(failure);
            }

            @Override
            public EventStream stream(ProviderCall call) {
                throw new ProviderException(failure);
            }
        };
        RouteMessage router = new RouteMessage(routes("anthropic"), new ProviderDirectory(Map.of("anthropic", failing)),
                new AttemptPolicy(), tokens(), new RouteMessageTest.SequentialIds());
        ProviderException e = assertThrows(ProviderException.class,
                () -> router.complete(request().withStream(false), log.start("r", "POST /v1/messages")));
        assertSame(body, e.failure().verbatim());
    }

    @Test
    void a_forwarded_stream_cannot_be_folded_for_a_stream_only_route() {
        Route only = route("anthropic", Capabilities.Streaming.ONLY);
        anthropic.streams(List.of(START, BLOCK, DELTA, STOP_BLOCK, MESSAGE_DELTA, STOP));
        RouteMessage router = new RouteMessage(new ConfiguredRoutes(Map.of("claude-test",
                new ConfiguredRoutes.Entry("modelProfiles", List.of(only), "t")), only), providers(), new AttemptPolicy(),
                tokens(), new RouteMessageTest.SequentialIds());
        ProviderException e = assertThrows(ProviderException.class,
                () -> router.complete(request().withStream(false), log.start("r", "POST /v1/messages")));
        assertEquals(FailureKind.UNSUPPORTED, e.failure().kind());
        assertTrue(e.getMessage().contains("capabilities.streaming"), e.getMessage());
    }

    @Test
    void count_tokens_asks_the_route_first_and_logs_where_the_number_came_from() {
        anthropic.counts(call -> OptionalInt.of(1234));
        CountTokens count = new CountTokens(tokens(), routes("anthropic"), providers());
        RequestTrace trace = log.start("r", "POST /v1/messages/count_tokens");
        assertEquals(1234, count.count(request(), trace));
        assertEquals("anthropic-model", anthropic.calls.getFirst().route().providerModel());
        String line = log.format(trace.snapshot(System.nanoTime()));
        assertTrue(line.contains("backend=anthropic") && line.contains("attempts=1"), line);
    }

    @Test
    void count_tokens_counts_locally_when_the_route_cannot_or_fails() {
        CountTokens count = new CountTokens(tokens(), routes("openai"), providers());
        RequestTrace quiet = log.start("r", "POST /v1/messages/count_tokens");
        assertEquals(7, count.count(request(), quiet), "openai.countTokens is empty: local count");
        assertTrue(!log.format(quiet.snapshot(System.nanoTime())).contains("attempts="), "nothing was sent upstream");

        anthropic.counts(call -> {
            throw new ProviderException(ProviderFailure.of(FailureKind.NOT_FOUND, "anthropic", "no count_tokens here"));
        });
        RequestTrace failed = log.start("r", "POST /v1/messages/count_tokens");
        assertEquals(7, new CountTokens(tokens(), routes("anthropic"), providers()).count(request(), failed));
        String line = log.format(failed.snapshot(System.nanoTime()));
        assertTrue(line.contains("failures=anthropic:not_found"), line);
    }
}
