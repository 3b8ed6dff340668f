package dev.claudia.router.adapters.provider.openai.dialect;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolNamesTest {

    private static final String LONG = "mcp__plugin_everything-claude-code_playwright__browser_console_messages";

    @Test
    void the_provider_sees_the_short_form_and_answers_come_back_under_the_defined_name() {
        String historyOnly = "mcp__an_old_server_that_is_gone_now__with_a_tool_name_longer_than_sixty_four";
        MessageRequest request = new MessageRequest("m", List.of(), List.of(Message.user("hi"),
                Message.assistant(new ContentBlock.ToolUse("toolu_1", historyOnly, new RawJson("{}")))),
                List.of(new ToolDefinition.Function(LONG, "d", new RawJson("{}")),
                        new ToolDefinition.Function("Bash", "d", new RawJson("{}"))),
                null, 10, Sampling.DEFAULT, List.of(), null, ThinkingConfig.UNSPECIFIED, null, null, false, Set.of());
        ToolNames names = ToolNames.of(request, NameRule.OPENAI);
        String upstream = names.upstream(LONG);
        assertEquals(NameRule.OPENAI.shorten(LONG), upstream);
        assertEquals(LONG, names.original(upstream));
        assertEquals(historyOnly, names.original(NameRule.OPENAI.shorten(historyOnly)), "names from the history map back too");
        assertEquals("Bash", names.original("Bash"));
        assertEquals("Unknown", names.original("Unknown"), "a name nobody defined passes unchanged");
        assertTrue(names.offered(upstream) && names.offered("Bash"));
        assertFalse(names.offered(NameRule.OPENAI.shorten(historyOnly)), "only the request's tools are offered");
    }
}
