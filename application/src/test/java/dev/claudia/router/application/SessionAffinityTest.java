package dev.claudia.router.application;

import dev.claudia.router.domain.message.ClientMetadata;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Claude Code session stays on the route that served it, through fallbacks. */
class SessionAffinityTest {

    private final ScriptedProvider first = new ScriptedProvider();
    private final ScriptedProvider second = new ScriptedProvider();
    private final RequestLog log = new RequestLog(false, System::nanoTime);

    private RouteMessage router(SessionAffinity affinity) {
        Map<String, ConfiguredRoutes.Entry> table = new LinkedHashMap<>();
        table.put("claude-main", new ConfiguredRoutes.Entry("modelProfiles", List.of(route("first"), route("second")), "m"));
        table.put("claude-other", new ConfiguredRoutes.Entry("modelProfiles", List.of(route("first")), "o"));
        TokenCounter tokens = new TokenCounter() {
            @Override
            public int countRequest(MessageRequest request) {
                return 10;
            }

            @Override
            public int countText(String text) {
                return text.length();
            }
        };
        return new RouteMessage(new ConfiguredRoutes(table, route("first")),
                new ProviderDirectory(Map.of("first", first, "second", second)), new AttemptPolicy(), tokens,
                new RouteMessageTest.SequentialIds(), affinity);
    }

    private static Route route(String backend) {
        return new Route("claude-main", "p-" + backend, backend, backend + "-model", RetryPolicy.of(1, 0),
                RawJson.EMPTY_OBJECT, Capabilities.DEFAULT);
    }

    private static MessageRequest request(String model, String session) {
        return MessageRequest.of(model, 100, List.of(Message.user("hi"))).withClient(new ClientMetadata(session, null, null));
    }

    private RequestTrace trace() {
        return log.start("req", "POST /v1/messages");
    }

    @Test
    void a_session_that_fell_back_stays_on_the_fallback_and_a_new_session_starts_afresh() {
        RouteMessage router = router(SessionAffinity.remembering(Duration.ofMinutes(30), 100));
        first.fails(FailureKind.OVERLOADED);
        second.answers("from second").answers("second again");
        first.answers("new session on first");

        assertEquals("from second", text(router.complete(request("claude-main", "s1"), trace())));
        RequestTrace again = trace();
        assertEquals("second again", text(router.complete(request("claude-main", "s1"), again)));
        assertEquals("new session on first", text(router.complete(request("claude-main", "s2"), trace())));

        assertEquals(2, first.calls.size(), "s1's first attempt, then s2; never s1's second request");
        assertEquals(2, second.calls.size());
        assertEquals("modelProfiles+sticky", again.snapshot(System.nanoTime()).rule());
    }

    @Test
    void a_sticky_route_that_fails_falls_back_along_the_rest_of_the_plan() {
        RouteMessage router = router(SessionAffinity.remembering(Duration.ofMinutes(30), 100));
        first.fails(FailureKind.OVERLOADED).answers("first recovered");
        second.answers("from second").fails(FailureKind.OVERLOADED);

        router.complete(request("claude-main", "s1"), trace());
        router.complete(request("claude-main", "s1"), trace());

        assertEquals(2, first.calls.size(), "after the sticky route failed, the plan's other route was tried");
    }

    @Test
    void the_affinity_belongs_to_one_plan_so_other_models_of_the_session_route_as_configured() {
        SessionAffinity affinity = SessionAffinity.remembering(Duration.ofMinutes(30), 100);
        RoutePlan main = new RoutePlan("modelProfiles", List.of(route("first"), route("second")));
        RoutePlan other = new RoutePlan("rule:background", List.of(route("first"), route("second")).reversed());
        affinity.served("s1", main, route("second"));

        assertEquals("p-second", affinity.apply("s1", main).primary().profile());
        assertSame(other, affinity.apply("s1", other), "another plan of the same session is untouched");
        assertSame(main, affinity.apply("s2", main), "another session is untouched");
        assertSame(main, affinity.apply(null, main), "requests without a session are untouched");
    }

    @Test
    void off_and_idle_sessions_route_as_configured() throws Exception {
        RoutePlan main = new RoutePlan("modelProfiles", List.of(route("first"), route("second")));
        SessionAffinity.OFF.served("s1", main, route("second"));
        assertSame(main, SessionAffinity.OFF.apply("s1", main));

        SessionAffinity shortLived = SessionAffinity.remembering(Duration.ofMillis(50), 100);
        shortLived.served("s1", main, route("second"));
        Thread.sleep(200);
        assertSame(main, shortLived.apply("s1", main), "an idle session is forgotten");
        assertTrue(SessionAffinity.remembering(Duration.ZERO, 100) == SessionAffinity.OFF);
    }

    private static String text(dev.claudia.router.domain.message.MessageResponse response) {
        return ((dev.claudia.router.domain.message.ContentBlock.Text) response.content().getFirst()).text();
    }
}
