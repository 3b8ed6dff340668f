package dev.claudia.router.adapters.provider.openai.stream;

import dev.claudia.router.adapters.provider.Calls;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.Usage;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.stream.BlockStart;
import dev.claudia.router.domain.stream.Delta;
import dev.claudia.router.domain.stream.StreamEvent;
import dev.claudia.router.domain.stream.StreamGrammar;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkTranslatorTest {

    private static String content(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}";
    }

    private static String reasoning(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"" + text + "\"}}]}";
    }

    private static final String FINISH = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    private static ProviderCall call(String messageId, String alias, int promptTokens) {
        return new ProviderCall(Calls.route().forAlias(alias),
                MessageRequest.of(alias, 100, List.of(Message.user("hi"))), messageId, () -> promptTokens, w -> { });
    }

    private static List<StreamEvent> feed(ChunkTranslator translator, String data) {
        List<StreamEvent> out = new ArrayList<>();
        translator.onData(data, out);
        return out;
    }

    @Test
    void forwards_each_text_fragment_as_soon_as_its_chunk_is_translated() {
        ChunkTranslator translator = new ChunkTranslator(call("msg_a", "a", 1), false, Calls.ids(), Calls.quarterTokens());
        translator.start();
        assertEquals(List.of(new StreamEvent.BlockStarted(0, new BlockStart.Text()),
                new StreamEvent.BlockDelta(0, new Delta.Text("Hel"))), feed(translator, content("Hel")));
        assertEquals(List.of(new StreamEvent.BlockDelta(0, new Delta.Text("lo"))), feed(translator, content("lo")));
        assertEquals(List.of(), feed(translator, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}"));
    }

    @Test
    void closes_thinking_with_one_signature_over_all_of_it() {
        ChunkTranslator translator = new ChunkTranslator(call("msg_a", "a", 1), false, Calls.ids(), Calls.quarterTokens());
        feed(translator, reasoning("one "));
        feed(translator, reasoning("two"));
        List<StreamEvent> out = feed(translator, content("answer"));
        assertEquals(new StreamEvent.BlockDelta(0, new Delta.Signature(
                dev.claudia.router.adapters.provider.openai.mapping.ThinkingSignatures.sign("one two"))), out.getFirst());
        assertEquals(new StreamEvent.BlockStopped(0), out.get(1));
    }

    @Test
    void keeps_two_streams_apart_when_translated_interleaved() {
        ChunkTranslator a = new ChunkTranslator(call("msg_a", "alias-a", 10), false, Calls.ids(), Calls.quarterTokens());
        ChunkTranslator b = new ChunkTranslator(call("msg_b", "alias-b", 20), false, Calls.ids(), Calls.quarterTokens());
        List<StreamEvent> eventsA = new ArrayList<>(List.of(a.start()));
        List<StreamEvent> eventsB = new ArrayList<>(List.of(b.start()));
        a.onData(content("A1"), eventsA);
        b.onData(reasoning("B0"), eventsB);
        b.onData("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_b\",\"function\":"
                + "{\"name\":\"Read\",\"arguments\":\"{}\"}}]}}]}", eventsB);
        a.onData(FINISH, eventsA);
        b.onData("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}", eventsB);
        b.onData("{\"choices\":[],\"usage\":{\"prompt_tokens\":200,\"completion_tokens\":9}}", eventsB);
        a.onData("[DONE]", eventsA);
        b.onData("[DONE]", eventsB);
        StreamGrammar.check(eventsA);
        StreamGrammar.check(eventsB);
        assertEquals(new StreamEvent.MessageStarted("msg_a", "alias-a", new Usage(10, 0, 0, 0, 0, true)), eventsA.getFirst());
        assertEquals(new StreamEvent.MessageStarted("msg_b", "alias-b", new Usage(20, 0, 0, 0, 0, true)), eventsB.getFirst());
        StreamEvent.MessageDelta endA = (StreamEvent.MessageDelta) eventsA.get(eventsA.size() - 2);
        StreamEvent.MessageDelta endB = (StreamEvent.MessageDelta) eventsB.get(eventsB.size() - 2);
        assertEquals(new Usage(10, 1, 0, 0, 0, true), endA.usage());
        assertEquals(new Usage(200, 9, 0, 0, 0, false), endB.usage());
        assertEquals(dev.claudia.router.domain.message.StopReason.END_TURN, endA.stopReason());
        assertEquals(dev.claudia.router.domain.message.StopReason.TOOL_USE, endB.stopReason());
        assertTrue(eventsA.stream().noneMatch(e -> e instanceof StreamEvent.BlockStarted s && s.block() instanceof BlockStart.ToolUse));
    }

    @Test
    void ignores_everything_after_the_end() {
        ChunkTranslator translator = new ChunkTranslator(call("msg_a", "a", 1), false, Calls.ids(), Calls.quarterTokens());
        feed(translator, FINISH);
        assertInstanceOf(StreamEvent.MessageStopped.class, feed(translator, "[DONE]").getLast());
        assertEquals(List.of(), feed(translator, content("late")));
        List<StreamEvent> out = new ArrayList<>();
        translator.onEnd(out);
        assertEquals(List.of(), out);
    }

    @Test
    void a_chunk_that_is_not_a_json_object_fails_the_stream() {
        ChunkTranslator translator = new ChunkTranslator(call("msg_a", "a", 1), false, Calls.ids(), Calls.quarterTokens());
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, feed(translator, "[1,2]").getFirst());
        assertEquals(FailureKind.MALFORMED_RESPONSE, failed.failure().kind());
        assertTrue(translator.ended());
    }

    @Test
    void a_tool_call_without_a_name_fails_the_stream_naming_the_backend() {
        ChunkTranslator translator = new ChunkTranslator(call("msg_a", "a", 1), false, Calls.ids(), Calls.quarterTokens());
        feed(translator, "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":"
                + "{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}");
        StreamEvent.StreamFailed failed = assertInstanceOf(StreamEvent.StreamFailed.class, feed(translator, "[DONE]").getLast());
        assertTrue(failed.failure().message().contains("'stub'"), failed.failure().message());
    }
}
