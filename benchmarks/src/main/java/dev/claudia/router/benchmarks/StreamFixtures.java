package dev.claudia.router.benchmarks;

import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.TokenCounter;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;

import java.util.List;

/** What the stream benchmarks translate for: one call, fixed ids, a token counter that costs next to nothing. */
public final class StreamFixtures {

    /** Ops before a steady-state translator is replaced: it keeps all generated text for the usage estimate. */
    public static final int ROTATE = 4096;

    public static final ProviderCall CALL = new ProviderCall(new Route("claude-bench", "claude-bench", "bench",
            "qwen3-coder", RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT, Capabilities.DEFAULT),
            MessageRequest.of("claude-bench", 1024, List.of(Message.user("hi"))), "msg_bench", () -> 1200, w -> { });

    public static final IdGenerator IDS = new IdGenerator() {
        @Override
        public String messageId() {
            return "msg_bench";
        }

        @Override
        public String toolUseId() {
            return "toolu_bench";
        }

        @Override
        public String requestId() {
            return "req_bench";
        }
    };

    public static final TokenCounter TOKENS = new TokenCounter() {
        @Override
        public int countRequest(MessageRequest request) {
            return 1200;
        }

        @Override
        public int countText(String text) {
            return (text.length() + 3) / 4;
        }
    };

    private StreamFixtures() {}
}
