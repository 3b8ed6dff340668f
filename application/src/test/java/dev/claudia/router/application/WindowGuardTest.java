package dev.claudia.router.application;

import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router guards each route's declared context window before any provider call. */
class WindowGuardTest {

    private final ScriptedProvider small = new ScriptedProvider();
    private final ScriptedProvider big = new ScriptedProvider();
    private final RequestLog log = new RequestLog(false, System::nanoTime);
    private final AtomicInteger exactCounts = new AtomicInteger();
    private int promptTokens;
    private int bound;

    private RouteMessage router(ModelLimits primary, ModelLimits fallback) {
        List<Route> chain = new ArrayList<>(List.of(route("small", primary)));
        if (fallback != null) {
            chain.add(route("big", fallback));
        }
        Map<String, ConfiguredRoutes.Entry> table = new LinkedHashMap<>();
        table.put("claude-test", new ConfiguredRoutes.Entry("modelProfiles", chain, "test"));
        TokenCounter tokens = new TokenCounter() {
            @Override
            public int countRequest(MessageRequest request) {
                exactCounts.incrementAndGet();
                return promptTokens;
            }

            @Override
            public int countText(String text) {
                return text.length();
            }

            @Override
            public int upperBound(MessageRequest request) {
                return bound;
            }
        };
        return new RouteMessage(new ConfiguredRoutes(table, route("small", primary)),
                new ProviderDirectory(Map.of("small", small, "big", big)), new AttemptPolicy(), tokens,
                new RouteMessageTest.SequentialIds());
    }

    private static Route route(String backend, ModelLimits limits) {
        return new Route("claude-test", "p-" + backend, backend, backend + "-model", RetryPolicy.of(3, 0),
                RawJson.EMPTY_OBJECT, Capabilities.DEFAULT, limits, RawJson.EMPTY_OBJECT);
    }

    private static MessageRequest request(int maxTokens) {
        return MessageRequest.of("claude-test", maxTokens, List.of(Message.user("hi")));
    }

    @Test
    void a_prompt_above_the_window_fails_at_once_with_anthropics_wording_and_no_provider_call() {
        promptTokens = 130_001;
        bound = 200_000;
        RouteMessage router = router(new ModelLimits(128_000, 0), null);

        ProviderException e = assertThrows(ProviderException.class,
                () -> router.complete(request(32_000), log.start("req_1", "POST /v1/messages")));

        assertEquals(FailureKind.CONTEXT_TOO_LONG, e.failure().kind());
        assertEquals("prompt is too long: 130001 tokens > 128000 maximum", e.failure().message());
        assertTrue(small.calls.isEmpty(), "no provider call");
        ProviderException streamed = assertThrows(ProviderException.class,
                () -> router.stream(request(32_000).withStream(true), log.start("req_2", "POST /v1/messages")));
        assertEquals("prompt is too long: 130001 tokens > 128000 maximum", streamed.failure().message());
        assertTrue(small.calls.isEmpty(), "no provider call for the stream either");
    }

    @Test
    void a_fallback_with_a_larger_window_serves_what_the_first_route_cannot_take() {
        promptTokens = 150_000;
        bound = 200_000;
        big.answers("fits here");
        RouteMessage router = router(new ModelLimits(128_000, 0), new ModelLimits(262_144, 0));

        assertEquals("fits here", ((dev.claudia.router.domain.message.ContentBlock.Text)
                router.complete(request(32_000), log.start("req_1", "POST /v1/messages")).content().getFirst()).text());
        assertTrue(small.calls.isEmpty());
        assertEquals(1, big.calls.size(), "a window failure is not retried on the same route");
    }

    @Test
    void max_tokens_is_lowered_to_the_output_limit_and_to_what_the_window_leaves() {
        small.answers("a").answers("b").answers("c");
        RouteMessage router = router(new ModelLimits(128_000, 16_384), null);

        promptTokens = 20_000;
        bound = 40_000;
        router.complete(request(32_000), log.start("req_1", "POST /v1/messages"));
        assertEquals(16_384, small.calls.get(0).request().maxTokens(), "the declared output limit");
        assertEquals(0, exactCounts.get(), "the bound showed it fits: no exact count needed");

        promptTokens = 120_000;
        bound = 150_000;
        router.complete(request(32_000), log.start("req_2", "POST /v1/messages"));
        assertEquals(8_000, small.calls.get(1).request().maxTokens(), "what the window leaves after the prompt");

        router.complete(request(1_000), log.start("req_3", "POST /v1/messages"));
        assertEquals(1_000, small.calls.get(2).request().maxTokens(), "a smaller request is left alone");
    }

    @Test
    void routes_without_declared_limits_are_neither_guarded_nor_clamped() {
        promptTokens = 5_000_000;
        bound = 5_000_000;
        small.answers("ok");
        RouteMessage router = router(ModelLimits.UNDECLARED, null);

        router.complete(request(64_000), log.start("req_1", "POST /v1/messages"));

        assertEquals(64_000, small.calls.getFirst().request().maxTokens());
        assertEquals(0, exactCounts.get());
    }
}
