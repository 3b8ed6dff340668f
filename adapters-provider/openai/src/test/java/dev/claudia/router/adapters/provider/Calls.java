package dev.claudia.router.adapters.provider;

import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
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
import java.util.concurrent.atomic.AtomicInteger;

/** Test data (shared by the tests of every package here): calls, routes, predictable ids and a simple token counter. */
public final class Calls {

    private Calls() {}

    public static Route route() {
        return route(Capabilities.DEFAULT, RawJson.EMPTY_OBJECT);
    }

    public static Route route(Capabilities capabilities, RawJson extraBody) {
        return new Route("claude-test", "claude-test", "stub", "provider/model-1", RetryPolicy.of(1, 0), extraBody,
                capabilities);
    }

    /** The adapter's options with these values. */
    public static OpenAiChatOptions options(OpenAiChatOptions.ReasoningStyle reasoning,
                                            OpenAiChatOptions.SystemMessages system, boolean streamUsage,
                                            boolean splitThinkTags) {
        return new OpenAiChatOptions(reasoning, system, streamUsage, splitThinkTags);
    }

    /** A route that declares an output limit (0: none) and so clamps max_tokens. */
    public static Route maxOutput(int maxOutputTokens) {
        return new Route("claude-test", "claude-test", "stub", "provider/model-1", RetryPolicy.of(1, 0),
                RawJson.EMPTY_OBJECT, Capabilities.DEFAULT, new ModelLimits(0, maxOutputTokens), RawJson.EMPTY_OBJECT);
    }

    public static ProviderCall call(MessageRequest request, Capabilities capabilities, RawJson extraBody,
                                    List<Warning> warnings) {
        return call(request, route(capabilities, extraBody), warnings);
    }

    public static ProviderCall call(MessageRequest request, Route route, List<Warning> warnings) {
        return new ProviderCall(route, request, "msg_test", () -> 42, warnings::add);
    }

    public static ProviderCall call(MessageRequest request) {
        return call(request, new ArrayList<>());
    }

    public static ProviderCall call(MessageRequest request, List<Warning> warnings) {
        return call(request, Capabilities.DEFAULT, RawJson.EMPTY_OBJECT, warnings);
    }

    public static MessageRequest hello() {
        return MessageRequest.of("claude-test", 256, List.of(Message.user("Hello")));
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
