package dev.claudia.router.adapters.provider.responses;

import dev.claudia.router.adapters.provider.responses.mapping.ReasoningSignatures;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.Warning;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data for every package here: routes, calls, predictable ids and a simple token counter. */
public final class Calls {

    public static final String BACKEND = "stub";
    public static final String MODEL = "gpt-test";
    /** The reasoning tag of {@link #route()}: blocks made on it carry this. */
    public static final String SOURCE = ReasoningSignatures.source(BACKEND, MODEL);

    private Calls() {}

    public static Route route() {
        return route(Capabilities.DEFAULT, RawJson.EMPTY_OBJECT);
    }

    public static Route route(Capabilities capabilities, RawJson extraBody) {
        return route(capabilities, extraBody, ModelLimits.UNDECLARED);
    }

    public static Route route(Capabilities capabilities, RawJson extraBody, ModelLimits limits) {
        return new Route("claude-test", "claude-test", BACKEND, MODEL, RetryPolicy.of(1, 0), extraBody, capabilities,
                limits, RawJson.EMPTY_OBJECT);
    }

    public static ProviderCall call(MessageRequest request, ModelLimits limits, RawJson extraBody, List<Warning> warnings) {
        return new ProviderCall(route(Capabilities.DEFAULT, extraBody, limits), request, "msg_test", () -> 42, warnings::add);
    }

    public static ProviderCall call(MessageRequest request, Capabilities capabilities, RawJson extraBody,
                                    List<Warning> warnings) {
        return new ProviderCall(route(capabilities, extraBody), request, "msg_test", () -> 42, warnings::add);
    }

    public static ProviderCall call(MessageRequest request, List<Warning> warnings) {
        return call(request, Capabilities.DEFAULT, RawJson.EMPTY_OBJECT, warnings);
    }

    public static ProviderCall call(MessageRequest request) {
        return call(request, new ArrayList<>());
    }

    public static MessageRequest hello() {
        return MessageRequest.of("claude-test", 256, List.of(Message.user("Hello")));
    }

    /** A streaming request for "hi", with or without thinking. */
    public static MessageRequest streaming(boolean thinking) {
        return new MessageRequest("claude-test", List.of(), List.of(Message.user("hi")), List.of(), null, 100,
                Sampling.DEFAULT, List.of(), null, thinking ? new ThinkingConfig.Adaptive() : ThinkingConfig.UNSPECIFIED,
                null, null, true, Set.of());
    }

    public static IdGenerator ids() {
        AtomicInteger n = new AtomicInteger();
        return new IdGenerator() {
            public String messageId() {
                return "msg_gen" + n.incrementAndGet();
            }

            public String toolUseId() {
                return "toolu_gen" + n.incrementAndGet();
            }

            public String requestId() {
                return "req_gen" + n.incrementAndGet();
            }
        };
    }

    /** One token per four characters, rounded up: predictable numbers for estimate tests. */
    public static TokenCounter quarterTokens() {
        return new TokenCounter() {
            public int countRequest(MessageRequest request) {
                return 42;
            }

            public int countText(String text) {
                return (text.length() + 3) / 4;
            }
        };
    }
}
