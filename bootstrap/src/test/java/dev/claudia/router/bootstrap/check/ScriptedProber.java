package dev.claudia.router.bootstrap.check;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A prober whose outcomes each test sets, recording which probes were sent. */
final class ScriptedProber implements Prober {

    final List<Probe> sent = new ArrayList<>();
    final Map<Probe, Outcome> outcomes = new EnumMap<>(Probe.class);
    ModelList list;
    int listAsked;

    ScriptedProber() {
        answer(Probe.TEXT, Answer.ofJson(bytes("""
                {"type":"message","content":[{"type":"text","text":"pong"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":10,"output_tokens":2}}""")));
        answer(Probe.STREAM, frames("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":12}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"1 2 3\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}"));
        answer(Probe.TOOLS, tool("{\\\"city\\\":\\\"Paris\\\"}"));
        answer(Probe.THINKING, frames("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"17+25\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}"));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Answer frames(String... data) {
        List<byte[]> frames = new ArrayList<>();
        for (String d : data) {
            frames.add(bytes("event: x\ndata: " + d + "\n\n"));
        }
        return Answer.ofFrames(frames);
    }

    /** A streamed tool call whose arguments arrive as this partial JSON (escaped for a JSON string). */
    static Answer tool(String partialJson) {
        return frames("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\","
                        + "\"name\":\"get_weather\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\""
                        + partialJson + "\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}");
    }

    ScriptedProber answer(Probe probe, Answer answer) {
        outcomes.put(probe, Outcome.answered(answer, 100, Map.of()));
        return this;
    }

    ScriptedProber answer(Probe probe, Answer answer, Map<String, String> dropped) {
        outcomes.put(probe, Outcome.answered(answer, 100, dropped));
        return this;
    }

    ScriptedProber fail(Probe probe, FailureKind kind, int status) {
        outcomes.put(probe, Outcome.failed(new ProviderFailure(kind, "backend 'nim' said no (" + status + ")", "nim",
                status, null), 50, Map.of()));
        return this;
    }

    @Override
    public Optional<ModelList> models() {
        listAsked++;
        return Optional.ofNullable(list);
    }

    @Override
    public Outcome send(Probe probe) {
        sent.add(probe);
        return outcomes.get(probe);
    }
}
