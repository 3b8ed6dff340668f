package dev.claudia.router.application;

import dev.claudia.router.domain.message.ClientMetadata;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Verbatim;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Window guard, clamp and sticky sessions on a plan that mixes a pass-through route (its adapter
 * forwards the caller's bytes) with a translating one: each attempt is fitted to its own route's
 * limits, the caller's bytes travel unchanged beside the fitted request, and a session that fell
 * back from one kind to the other stays there.
 */
class PassThroughLimitsTest {

    private static final Verbatim CALLER_BYTES = Verbatim.of("{\"model\":\"claude-test\",\"max_tokens\":100}");

    private final ScriptedProvider anthropic = new ScriptedProvider();
    private final ScriptedProvider openai = new ScriptedProvider();
    private final RequestLog log = new RequestLog(false, System::nanoTime);
    private int promptTokens = 10;

    private static Route route(String backend, ModelLimits limits) {
        return new Route("claude-test", "p-" + backend, backend, backend + "-model", RetryPolicy.of(1, 0),
                RawJson.EMPTY_OBJECT, Capabilities.DEFAULT, limits, RawJson.EMPTY_OBJECT);
    }

    private RouteMessage router(ModelLimits anthropicLimits, ModelLimits openaiLimits, SessionAffinity affinity) {
        List<Route> chain = List.of(route("anthropic", anthropicLimits), route("openai", openaiLimits));
        TokenCounter tokens = new TokenCounter() {
            public int countRequest(MessageRequest request) {
                return promptTokens;
            }

            public int countText(String text) {
                return text.length();
            }
        };
        return new RouteMessage(new ConfiguredRoutes(Map.of("claude-test",
                new ConfiguredRoutes.Entry("modelProfiles", chain, "t")), chain.getFirst()),
                new ProviderDirectory(Map.of("anthropic", anthropic, "openai", openai)), new AttemptPolicy(), tokens,
                new RouteMessageTest.SequentialIds(), affinity);
    }

    private static MessageRequest request(String session) {
        return MessageRequest.of("claude-test", 100, List.of(Message.user("hi")))
                .withClient(new ClientMetadata(session, null, null)).withOriginal(CALLER_BYTES);
    }

    private RequestTrace trace() {
        return log.start("r", "POST /v1/messages");
    }

    @Test
    void each_attempt_is_fitted_to_its_own_route_and_the_callers_bytes_travel_unchanged() {
        anthropic.fails(FailureKind.OVERLOADED);
        openai.answers("from the fallback");
        router(new ModelLimits(0, 50), new ModelLimits(0, 80), SessionAffinity.OFF).complete(request(null), trace());

        ProviderCall forwarded = anthropic.calls.getFirst();
        assertEquals(50, forwarded.request().maxTokens(), "the pass-through adapter is told the clamped value");
        assertSame(CALLER_BYTES, forwarded.request().original(), "the caller's bytes are kept for it to rewrite");
        assertEquals(80, openai.calls.getFirst().request().maxTokens(), "the fallback is fitted to its own limits, "
                + "from the caller's request, not from the previous attempt's");
    }

    @Test
    void a_prompt_over_a_pass_through_routes_window_never_reaches_it_and_a_larger_window_serves_it() {
        promptTokens = 5_000;
        openai.answers("the big one");
        router(new ModelLimits(4_096, 0), new ModelLimits(200_000, 0), SessionAffinity.OFF).complete(request(null), trace());
        assertEquals(0, anthropic.calls.size(), "refused before any upstream call");
        assertEquals(1, openai.calls.size());

        ProviderException e = assertThrows(ProviderException.class,
                () -> router(new ModelLimits(4_096, 0), new ModelLimits(4_096, 0), SessionAffinity.OFF)
                        .complete(request(null), trace()));
        assertEquals(FailureKind.CONTEXT_TOO_LONG, e.failure().kind());
        assertEquals("prompt is too long: 5000 tokens > 4096 maximum", e.failure().message());
    }

    @Test
    void a_session_that_fell_back_from_a_pass_through_route_to_a_translating_one_stays_there() {
        RouteMessage router = router(ModelLimits.UNDECLARED, ModelLimits.UNDECLARED,
                SessionAffinity.remembering(Duration.ofMinutes(30), 100));
        anthropic.fails(FailureKind.OVERLOADED).answers("anthropic for another session");
        openai.answers("fallback").answers("fallback again");

        router.complete(request("s1"), trace());
        RequestTrace second = trace();
        router.complete(request("s1"), second);
        router.complete(request("s2"), trace());

        assertEquals(2, anthropic.calls.size(), "s1's first attempt and s2; not s1's second request");
        assertEquals(2, openai.calls.size());
        assertEquals("modelProfiles+sticky", second.snapshot(System.nanoTime()).rule());
    }
}
