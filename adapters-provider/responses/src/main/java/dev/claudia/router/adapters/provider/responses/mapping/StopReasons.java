package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.message.StopReason;

/**
 * Why a response ended, in Anthropic's words. A Responses answer says it by its {@code status} and
 * {@code incomplete_details.reason}, not per choice: {@code incomplete} for {@code max_output_tokens}
 * is {@code max_tokens} (Claude Code then continues or asks for more), for {@code content_filter} a
 * {@code refusal}; a completed answer with function calls is {@code tool_use}, one with a refusal part
 * a {@code refusal}, else {@code end_turn}.
 */
public final class StopReasons {

    private StopReasons() {}

    /**
     * @param response the response object ({@code status}, {@code incomplete_details})
     */
    public static StopReason of(JsonNode response, boolean madeToolCalls, boolean refused) {
        if ("incomplete".equals(ResponsesJson.text(response, "status"))) {
            String reason = ResponsesJson.text(response.path("incomplete_details"), "reason");
            if ("content_filter".equals(reason)) {
                return StopReason.REFUSAL;
            }
            if ("max_output_tokens".equals(reason) || reason == null) {
                return StopReason.MAX_TOKENS;
            }
        }
        if (madeToolCalls) {
            return StopReason.TOOL_USE;
        }
        return refused ? StopReason.REFUSAL : StopReason.END_TURN;
    }
}
