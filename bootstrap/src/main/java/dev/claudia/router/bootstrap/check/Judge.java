package dev.claudia.router.bootstrap.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * How each probe's outcome is judged. A failure is reported with the provider's words beside it;
 * an answer is judged by what a client would need of it: text that is there, a stream that
 * carried content, a tool call whose arguments parse and hold what the tool's schema requires,
 * and a thinking block when thinking was asked for and the adapter passed the request on.
 */
final class Judge {

    private static final int QUOTE = 40;

    private Judge() {}

    static Verdict text(Outcome outcome, ProfileTarget target) {
        if (outcome.failure() != null) {
            return failed(outcome, target);
        }
        return hasText(outcome, Probe.TEXT, "\"" + quote(outcome.answer().text()) + "\"");
    }

    static Verdict stream(Outcome outcome, ProfileTarget target) {
        if (outcome.failure() != null) {
            return failed(outcome, target);
        }
        Answer answer = outcome.answer();
        if (answer.error() != null) {
            return Verdict.fail(outcome.millis(), "the stream ended with an error: " + quote(answer.error()));
        }
        if (answer.contentEvents() == 0) {
            return Verdict.fail(outcome.millis(), "the stream carried no content (stop_reason " + answer.stopReason() + ")");
        }
        return hasText(outcome, Probe.STREAM, answer.contentEvents() + " deltas" + (target.streams() ? ""
                : ", made from a whole answer (capabilities.streaming is false)"));
    }

    static Verdict tools(Outcome outcome, ProfileTarget target) {
        if (outcome.failure() != null) {
            return failed(outcome, target);
        }
        String dropped = droppedTools(outcome.dropped());
        if (dropped != null) {
            return Verdict.fail(outcome.millis(), "the " + target.adapter() + " adapter cannot pass tools on: " + dropped);
        }
        Answer answer = outcome.answer();
        if (answer.toolCalls().isEmpty()) {
            return Verdict.fail(outcome.millis(), "no tool call: the model answered with text although tool_choice asked "
                    + "for " + Probe.TOOL + " (the model or the provider may not support tools)");
        }
        Answer.ToolCall call = answer.toolCalls().getFirst();
        if (!call.name().equals(Probe.TOOL)) {
            return Verdict.fail(outcome.millis(), "called '" + call.name() + "' instead of " + Probe.TOOL);
        }
        if (call.input() == null) {
            return Verdict.fail(outcome.millis(), "the arguments of " + Probe.TOOL + " are not a JSON object: "
                    + quote(call.raw()));
        }
        JsonNode city = call.input().get(Probe.TOOL_ARGUMENT);
        if (city == null || !city.isTextual() || city.textValue().isBlank()) {
            return Verdict.fail(outcome.millis(), "the arguments of " + Probe.TOOL + " lack the required \""
                    + Probe.TOOL_ARGUMENT + "\": " + quote(call.input().toString()));
        }
        return Verdict.ok(outcome.millis(), Probe.TOOL + " " + quote(call.input().toString()));
    }

    static Verdict thinking(Outcome outcome, ProfileTarget target) {
        String dropped = outcome.dropped().get("thinking");
        if (dropped != null) {
            return Verdict.off("not enabled: the " + target.adapter() + " adapter does not carry thinking for this profile ("
                    + dropped + ")");
        }
        if (outcome.failure() != null) {
            return failed(outcome, target);
        }
        if (!outcome.answer().thinking()) {
            return Verdict.fail(outcome.millis(), "thinking was asked for and passed on, but the answer had none: the model "
                    + "or the provider may not support it, or the profile's options ask for it the wrong way");
        }
        return Verdict.ok(outcome.millis(), "thought, then answered");
    }

    private static Verdict hasText(Outcome outcome, Probe probe, String okDetail) {
        Answer answer = outcome.answer();
        if (!answer.text().isBlank()) {
            return Verdict.ok(outcome.millis(), okDetail);
        }
        if (answer.thinking() && "max_tokens".equals(answer.stopReason())) {
            return Verdict.warn(outcome.millis(), "no text within " + probe.maxTokens() + " tokens: the model spent "
                    + "them thinking (does extraBody force thinking on?)");
        }
        return Verdict.fail(outcome.millis(), "answered without text (stop_reason " + answer.stopReason() + ")");
    }

    private static Verdict failed(Outcome outcome, ProfileTarget target) {
        return Verdict.fail(outcome.millis(), Reasons.of(outcome.failure(), target), outcome.failure());
    }

    private static String droppedTools(Map<String, String> dropped) {
        return dropped.entrySet().stream().filter(e -> e.getKey().startsWith("tools")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String quote(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= QUOTE ? line : line.substring(0, QUOTE) + "...";
    }
}
