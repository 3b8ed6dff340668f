package dev.claudia.router.systemtests.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.fake.Script.Frame;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI Responses semantic events for the fake to stream, built the way OpenAI sends them: each
 * frame with its {@code event:} line and a {@code sequence_number}, output items announced by
 * {@code response.output_item.added}, their content as deltas, completed by
 * {@code response.output_item.done} (a reasoning item's encrypted content is whole only there), and a
 * final {@code response.completed} / {@code response.incomplete} / {@code response.failed} carrying
 * the output and usage.
 * <pre>{@code
 * ResponsesEvents.start().reasoning("rs_1", "gAAAAenc", "Plan.").call("fc_1", "call_1", "Read", "{\"file_path\":", "\"a\"}")
 *         .completed(ResponsesEvents.usage(100, 80, 20, 12))
 * }</pre>
 */
public final class ResponsesEvents {

    private final List<Frame> frames = new ArrayList<>();
    private final ArrayNode output = FakeOpenAiAdmin.JSON.createArrayNode();
    private int sequence;

    private ResponsesEvents() {}

    /** {@code response.created} and {@code response.in_progress}. */
    public static ResponsesEvents start() {
        ResponsesEvents events = new ResponsesEvents();
        events.emit(events.object("response.created").set("response", response("in_progress", null)));
        events.emit(events.object("response.in_progress").set("response", response("in_progress", null)));
        return events;
    }

    /** {@code usage} as OpenAI reports it: the input includes the cached tokens, the output the reasoning ones. */
    public static ObjectNode usage(int input, int cached, int output, int reasoning) {
        ObjectNode usage = FakeOpenAiAdmin.JSON.createObjectNode().put("input_tokens", input).put("output_tokens", output)
                .put("total_tokens", input + output);
        usage.putObject("input_tokens_details").put("cached_tokens", cached);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        return usage;
    }

    /** A message item whose text arrives in these pieces. */
    public ResponsesEvents text(String id, String... pieces) {
        ObjectNode added = item(id, "message").put("status", "in_progress").put("role", "assistant");
        added.putArray("content");
        emit(object("response.output_item.added").put("output_index", output.size()).set("item", added));
        emit(object("response.content_part.added").put("item_id", id).put("output_index", output.size()).put("content_index", 0)
                .set("part", FakeOpenAiAdmin.JSON.createObjectNode().put("type", "output_text").put("text", "")));
        for (String piece : pieces) {
            emit(object("response.output_text.delta").put("item_id", id).put("output_index", output.size())
                    .put("content_index", 0).put("delta", piece));
        }
        ObjectNode done = added.deepCopy().put("status", "completed");
        done.putArray("content").addObject().put("type", "output_text").put("text", String.join("", pieces)).putArray("annotations");
        return done(done);
    }

    /** A reasoning item: its summary parts as deltas, its encrypted content partial when added and whole when done. */
    public ResponsesEvents reasoning(String id, String encrypted, String... summaryParts) {
        ObjectNode added = item(id, "reasoning").put("encrypted_content", encrypted.substring(0, encrypted.length() / 2));
        added.putArray("summary");
        emit(object("response.output_item.added").put("output_index", output.size()).set("item", added));
        ObjectNode done = item(id, "reasoning");
        ArrayNode summary = done.putArray("summary");
        for (int i = 0; i < summaryParts.length; i++) {
            emit(object("response.reasoning_summary_part.added").put("item_id", id).put("output_index", output.size())
                    .put("summary_index", i));
            emit(object("response.reasoning_summary_text.delta").put("item_id", id).put("output_index", output.size())
                    .put("summary_index", i).put("delta", summaryParts[i]));
            summary.addObject().put("type", "summary_text").put("text", summaryParts[i]);
        }
        done.put("encrypted_content", encrypted);
        return done(done);
    }

    /** A function call whose arguments arrive in these pieces. */
    public ResponsesEvents call(String id, String callId, String name, String... argumentPieces) {
        ObjectNode added = item(id, "function_call").put("status", "in_progress").put("arguments", "").put("call_id", callId)
                .put("name", name);
        emit(object("response.output_item.added").put("output_index", output.size()).set("item", added));
        for (String piece : argumentPieces) {
            emit(object("response.function_call_arguments.delta").put("item_id", id).put("output_index", output.size())
                    .put("delta", piece));
        }
        String arguments = String.join("", argumentPieces);
        emit(object("response.function_call_arguments.done").put("item_id", id).put("output_index", output.size())
                .put("arguments", arguments));
        return done(added.deepCopy().put("status", "completed").put("arguments", arguments));
    }

    /** Any other event, as given (an {@code error} event, an unknown one...). */
    public ResponsesEvents event(String type, ObjectNode fields) {
        ObjectNode event = object(type);
        event.setAll(fields);
        emit(event);
        return this;
    }

    /** Raw bytes between the events (a malformed event, a comment). */
    public ResponsesEvents raw(String bytes) {
        frames.add(Frame.raw(bytes));
        return this;
    }

    /** The frames so far, without a final event: a stream that just ends. */
    public Script cut() {
        return Script.frames(frames.toArray(Frame[]::new));
    }

    public Script completed(ObjectNode usage) {
        return finish("response.completed", response("completed", usage));
    }

    /** {@code response.incomplete} for {@code reason} ({@code max_output_tokens}, {@code content_filter}). */
    public Script incomplete(String reason, ObjectNode usage) {
        ObjectNode response = response("incomplete", usage);
        response.putObject("incomplete_details").put("reason", reason);
        return finish("response.incomplete", response);
    }

    /** {@code response.failed} with this error. */
    public Script failed(String code, String message) {
        ObjectNode response = response("failed", null);
        response.putObject("error").put("code", code).put("message", message);
        return finish("response.failed", response);
    }

    private Script finish(String type, ObjectNode response) {
        response.set("output", output.deepCopy());
        emit(object(type).set("response", response));
        return cut();
    }

    private ResponsesEvents done(ObjectNode item) {
        emit(object("response.output_item.done").put("output_index", output.size()).set("item", item));
        output.add(item);
        return this;
    }

    private static ObjectNode response(String status, ObjectNode usage) {
        ObjectNode response = FakeOpenAiAdmin.JSON.createObjectNode().put("id", "resp_fake").put("object", "response")
                .put("created_at", 1765552659).put("status", status).putNull("error").putNull("incomplete_details")
                .put("model", "upstream");
        response.putArray("output");
        response.set("usage", usage);
        return response;
    }

    private static ObjectNode item(String id, String type) {
        return FakeOpenAiAdmin.JSON.createObjectNode().put("id", id).put("type", type);
    }

    private ObjectNode object(String type) {
        return FakeOpenAiAdmin.JSON.createObjectNode().put("type", type);
    }

    private void emit(ObjectNode event) {
        event.put("sequence_number", sequence++);
        frames.add(Frame.event(event.get("type").asText(), event.toString()));
    }
}
