package dev.claudia.router.systemtests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiAdmin;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Claude Agent SDK ({@code @anthropic-ai/claude-agent-sdk}), which drives Claude Code from a
 * program, runs a Bash tool loop through the router: once taking whole messages, once with partial
 * messages (the stream events Claude Code relays from the router's SSE). It runs the newest pinned
 * CLI ({@code pathToClaudeCodeExecutable}), so the SDK's own platform binary is not installed.
 */
class ClaudeAgentSdkEndToEndTest {

    static final String[] PACKAGES = {"@anthropic-ai/claude-agent-sdk@0.3.333", "zod@4", "--omit=optional"};

    private static FakeOpenAiAdmin fake;
    private static RouterUnderTest router;

    @BeforeAll
    static void setUp() {
        FakeOpenAiContainer container = FakeOpenAiContainer.shared();
        fake = container.admin();
        router = RouterUnderTest.start(container.baseUrl(), Map.of(
                "claude-agent-whole", RouterUnderTest.profile("agent-whole", 1, ""),
                "claude-agent-partial", RouterUnderTest.profile("agent-partial", 1, "")), Map.of());
    }

    @AfterAll
    static void tearDown() {
        if (router != null) {
            router.close();
        }
    }

    @ParameterizedTest(name = "{0} messages")
    @ValueSource(strings = {"whole", "partial"})
    void a_tool_loop_runs_through_the_router(String mode, @TempDir Path project) throws Exception {
        String model = "agent-" + mode;
        fake.script(model, ClaudeCodeRun.toolCall("call_agent_sdk_1", "Bash",
                        Map.of("command", "echo from-the-agent-sdk", "description", "echo"), 9000),
                ClaudeCodeRun.text("The command printed from-the-agent-sdk."));
        Path prefix = NodePackages.ensure("agent-sdk", "@anthropic-ai/claude-agent-sdk/package.json", PACKAGES);

        JsonNode out = NodePackages.run(prefix, "agent-sdk-tool-loop.mjs", Map.of(
                "CLAUDE_BIN", ClaudeCodeCli.executable(ClaudeCodeCli.NEWEST).toString(),
                "MODEL", "claude-" + model,
                "PROJECT", project.toString(),
                "PROMPT", "run echo from-the-agent-sdk",
                "HOME", ClaudeCodeRun.newHome().toString(),
                "ANTHROPIC_BASE_URL", router.baseUri().toString().replaceAll("/$", ""),
                "ANTHROPIC_AUTH_TOKEN", "claudia-local",
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"), mode);

        assertEquals(List.of(), ClaudeCodeRun.JSON.convertValue(out.get("errors"), List.class), out.toString());
        assertFalse(out.at("/result/is_error").asBoolean(), out.toString());
        assertEquals("The command printed from-the-agent-sdk.", out.at("/result/result").asText(), out.toString());
        assertTrue(out.get("toolResults").toString().contains("from-the-agent-sdk"), "Bash ran: " + out);
        if (mode.equals("partial")) {
            assertTrue(out.get("streamEvents").asInt() > 0, "partial messages relayed the stream: " + out);
        } else {
            assertEquals(0, out.get("streamEvents").asInt(), out.toString());
        }
        assertEquals(2, fake.requests(model).size());
    }
}
