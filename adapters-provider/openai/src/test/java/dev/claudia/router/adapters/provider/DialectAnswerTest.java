package dev.claudia.router.adapters.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.adapters.provider.openai.OpenAiChatOptions;
import dev.claudia.router.adapters.provider.openai.dialect.CallRules;
import dev.claudia.router.adapters.provider.openai.dialect.Dialect;
import dev.claudia.router.adapters.provider.openai.dialect.Dialects;
import dev.claudia.router.adapters.provider.openai.dialect.NameRule;
import dev.claudia.router.adapters.provider.openai.dialect.SignedToolIds;
import dev.claudia.router.adapters.provider.openai.mapping.ResponseMapper;
import dev.claudia.router.adapters.provider.openai.stream.OpenAiEventStream;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.message.StopReason;
import dev.claudia.router.domain.stream.MessageAccumulator;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import dev.claudia.router.provider.support.IdleWatchdog;
import dev.claudia.router.provider.support.WatchedBody;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What comes back, per dialect: names restored, thought signatures carried, text tool calls recovered, usage read. */
class DialectAnswerTest {

    private static final IdleWatchdog WATCHDOG = new IdleWatchdog("test", Duration.ofMinutes(10));
    private static final String SHORT_MCP = NameRule.OPENAI.shorten(Conversations.MCP);

    private static CallRules rules(Dialect dialect, boolean toolCallsInText) {
        OpenAiChatOptions options = OpenAiChatOptions.of(dialect);
        options = new OpenAiChatOptions(dialect, options.reasoning(), options.systemMessages(), options.streamUsage(),
                options.splitThinkTags(), options.reasoningHistory(), toolCallsInText);
        return CallRules.of(Calls.call(Conversations.switched()), options);
    }

    private static MessageResponse whole(String completion, CallRules rules) throws Exception {
        return ResponseMapper.toMessage(new ObjectMapper().readTree(completion), rules, Calls.ids(), Calls.quarterTokens());
    }

    private static MessageResponse streamed(CallRules rules, String... chunks) {
        StringBuilder sse = new StringBuilder();
        for (String c : chunks) {
            sse.append("data: ").append(c).append("\n\n");
        }
        sse.append("data: [DONE]\n\n");
        var stream = new OpenAiEventStream(new WatchedBody(new ByteArrayInputStream(sse.toString().getBytes(
                StandardCharsets.UTF_8)), () -> { }, WATCHDOG, rules.call().route().backend()), rules, Calls.ids(),
                Calls.quarterTokens());
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        StreamGrammar.check(events);
        MessageAccumulator folded = new MessageAccumulator();
        events.forEach(folded::accept);
        return folded.result();
    }

    @Test
    void gemini_thought_signatures_ride_in_the_tool_ids_of_whole_and_streamed_answers() throws Exception {
        String call = "{\"id\":\"fc_7\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\\\"ls\\\"}\"},"
                + "\"extra_content\":{\"google\":{\"thought_signature\":\"SIG+/==\"}}}";
        MessageResponse answer = whole("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"tool_calls\":[" + call
                + "]},\"finish_reason\":\"stop\"}]}", rules(Dialects.GEMINI, false));
        ContentBlock.ToolUse use = assertInstanceOf(ContentBlock.ToolUse.class, answer.content().getFirst());
        assertEquals(new SignedToolIds.Decoded("fc_7", "SIG+/=="), SignedToolIds.decode(use.id()));
        assertEquals(StopReason.TOOL_USE, answer.stopReason());
        // Gemini streams each call whole, without an index.
        MessageResponse folded = streamed(rules(Dialects.GEMINI, false),
                "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"tool_calls\":[" + call + "]}}]}",
                "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");
        ContentBlock.ToolUse streamedUse = assertInstanceOf(ContentBlock.ToolUse.class, folded.content().getFirst());
        assertEquals("SIG+/==", SignedToolIds.decode(streamedUse.id()).signature());
        assertEquals("fc_7", whole("{\"choices\":[{\"message\":{\"tool_calls\":[" + call + "]},\"finish_reason\":\"stop\"}]}",
                rules(Dialects.GENERIC, false)).content().getFirst() instanceof ContentBlock.ToolUse u ? u.id() : null,
                "other dialects keep the id as it came");
    }

    @Test
    void kimis_ids_reach_the_client_in_a_form_anthropic_takes_and_go_back_to_nim_as_they_were() throws Exception {
        String call = "{\"id\":\"functions.Bash:0\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{}\"}}";
        ContentBlock.ToolUse use = (ContentBlock.ToolUse) whole("{\"choices\":[{\"message\":{\"tool_calls\":[" + call
                + "]},\"finish_reason\":\"tool_calls\"}]}", rules(Dialects.NVIDIA_NIM, false)).content().getFirst();
        assertTrue(use.id().matches("[A-Za-z0-9_-]+"), use.id());
        assertEquals("functions.Bash:0", rules(Dialects.NVIDIA_NIM, false).upstreamId(use.id()), "its template reads them");
        assertTrue(rules(Dialects.GENERIC, false).upstreamId(use.id()).matches("call_[A-Za-z0-9]{24}"), "OpenAI's rule");
        assertEquals(9, rules(Dialects.MISTRAL, false).upstreamId(use.id()).length());
    }

    @Test
    void a_shortened_name_comes_back_as_the_client_defined_it() throws Exception {
        String call = "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"" + SHORT_MCP + "\",\"arguments\":\"{}\"}}";
        assertEquals(Conversations.MCP, ((ContentBlock.ToolUse) whole("{\"choices\":[{\"message\":{\"tool_calls\":[" + call
                + "]},\"finish_reason\":\"tool_calls\"}]}", rules(Dialects.GENERIC, false)).content().getFirst()).name());
        MessageResponse folded = streamed(rules(Dialects.DEEPSEEK, false),
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\""
                        + SHORT_MCP + "\",\"arguments\":\"\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}");
        assertEquals(Conversations.MCP, ((ContentBlock.ToolUse) folded.content().getFirst()).name());
    }

    @Test
    void tool_calls_printed_as_text_become_tool_use_blocks_split_across_chunks_too() {
        MessageResponse folded = streamed(rules(Dialects.OLLAMA, true),
                "{\"choices\":[{\"delta\":{\"content\":\"Checking.\\n<tool\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"_call>\\n{\\\"name\\\": \\\"Bash\\\", \\\"argu\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"ments\\\": {\\\"command\\\": \\\"ls\\\"}}\\n</tool_call>\"}}]}",
                "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");
        assertEquals(2, folded.content().size(), folded.content().toString());
        assertEquals(new ContentBlock.Text("Checking."), folded.content().getFirst());
        ContentBlock.ToolUse use = (ContentBlock.ToolUse) folded.content().get(1);
        assertEquals("Bash", use.name());
        assertEquals("{\"command\":\"ls\"}", use.input().text());
        assertEquals(StopReason.TOOL_USE, folded.stopReason(), "a recovered call makes the turn a tool turn");
        MessageResponse off = streamed(rules(Dialects.OLLAMA, false),
                "{\"choices\":[{\"delta\":{\"content\":\"<tool_call>{\\\"name\\\":\\\"Bash\\\",\\\"arguments\\\":{}}</tool_call>\"}}]}",
                "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");
        assertInstanceOf(ContentBlock.Text.class, off.content().getFirst(), "only when the profile asks for it");
    }

    @Test
    void mistral_reasoning_parts_are_thinking_and_llamacpp_timings_are_cached_tokens() throws Exception {
        MessageResponse mistral = whole("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\","
                + "\"thinking\":[{\"type\":\"text\",\"text\":\"Let me think.\"}]},{\"type\":\"text\",\"text\":\"Four.\"}]},"
                + "\"finish_reason\":\"stop\"}]}", rules(Dialects.MISTRAL, false));
        assertEquals("Let me think.", ((ContentBlock.Thinking) mistral.content().getFirst()).thinking());
        assertEquals(new ContentBlock.Text("Four."), mistral.content().get(1));
        MessageResponse llama = whole("{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":2},\"timings\":{\"cache_n\":60,\"prompt_n\":40}}",
                rules(Dialects.LLAMACPP, false));
        assertEquals(60, llama.usage().cacheReadInputTokens());
        assertEquals(40, llama.usage().inputTokens());
        assertEquals(0, whole("{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":"
                + "{\"prompt_tokens\":100,\"completion_tokens\":2},\"timings\":{\"cache_n\":60}}", rules(Dialects.GENERIC, false))
                .usage().cacheReadInputTokens());
        MessageResponse streamedLlama = streamed(rules(Dialects.LLAMACPP, false),
                "{\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":2},\"timings\":{\"cache_n\":60}}");
        assertEquals(60, streamedLlama.usage().cacheReadInputTokens(), "timings beside the usage of the last chunk");
        assertEquals(40, streamedLlama.usage().inputTokens());
        MessageResponse streamedParts = streamed(rules(Dialects.MISTRAL, false),
                "{\"choices\":[{\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Hm.\"}]}]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"Four.\"}]},\"finish_reason\":\"stop\"}]}");
        assertEquals("Hm.", ((ContentBlock.Thinking) streamedParts.content().getFirst()).thinking());
        assertEquals(new ContentBlock.Text("Four."), streamedParts.content().get(1));
    }
}
