package dev.claudia.router.bootstrap.check;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.claudia.router.bootstrap.check.Capability.KEY;
import static dev.claudia.router.bootstrap.check.Capability.MODEL;
import static dev.claudia.router.bootstrap.check.Capability.REACHABLE;
import static dev.claudia.router.bootstrap.check.Capability.STREAM;
import static dev.claudia.router.bootstrap.check.Capability.TEXT;
import static dev.claudia.router.bootstrap.check.Capability.THINKING;
import static dev.claudia.router.bootstrap.check.Capability.TOOLS;
import static dev.claudia.router.bootstrap.check.Verdict.Status.FAIL;
import static dev.claudia.router.bootstrap.check.Verdict.Status.OFF;
import static dev.claudia.router.bootstrap.check.Verdict.Status.OK;
import static dev.claudia.router.bootstrap.check.Verdict.Status.SKIP;
import static dev.claudia.router.bootstrap.check.Verdict.Status.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts, for every adapter alike: what passes, what fails with which words, and what is not even sent. */
class ProfileCheckTest {

    private static final ProfileTarget NIM = target(ProfileTarget.Key.SET);
    private final ScriptedProber prober = new ScriptedProber();

    private static ProfileTarget target(ProfileTarget.Key key) {
        return new ProfileTarget("claude-glm", "nim", "openai-chat", URI.create("https://nim.example/v1"), "z-ai/glm4.7",
                "NVIDIA_API_KEY", key, true);
    }

    private ProfileReport run() {
        return new ProfileCheck(NIM, prober).run();
    }

    private static Verdict.Status status(ProfileReport report, Capability c) {
        return report.verdict(c).status();
    }

    @Test
    void a_healthy_profile_passes_every_check_and_counts_what_it_spent() {
        prober.list = new Prober.ModelList(List.of("other", "z-ai/glm4.7"), null, 30);
        ProfileReport report = run();
        for (Capability c : Capability.values()) {
            assertEquals(OK, status(report, c), c + ": " + report.verdict(c));
        }
        assertFalse(report.failed());
        assertEquals("lists 2 models", report.verdict(REACHABLE).detail());
        assertEquals(30, report.verdict(REACHABLE).millis());
        assertEquals("listed", report.verdict(MODEL).detail());
        assertEquals("get_weather {\"city\":\"Paris\"}", report.verdict(TOOLS).detail());
        assertEquals(10 + 12, report.inputTokens());
        assertEquals(2 + 5 + 9, report.outputTokens());
    }

    @Test
    void a_key_that_is_not_set_fails_and_nothing_is_sent() {
        ProfileReport report = new ProfileCheck(target(ProfileTarget.Key.NOT_SET), prober).run();
        assertEquals(FAIL, status(report, KEY));
        assertTrue(report.verdict(KEY).detail().startsWith("key not set: NVIDIA_API_KEY is empty"), report.verdict(KEY).detail());
        assertEquals(SKIP, status(report, TEXT));
        assertEquals(0, prober.listAsked);
        assertEquals(List.of(), prober.sent);
    }

    @Test
    void an_unreachable_backend_or_a_refused_key_in_the_model_list_stops_before_any_token_is_spent() {
        prober.list = new Prober.ModelList(null, new ProviderFailure(FailureKind.UNREACHABLE,
                "could not reach backend 'nim' at https://nim.example/v1: connection refused", "nim", 0, null), 3);
        ProfileReport down = run();
        assertEquals(FAIL, status(down, REACHABLE));
        assertEquals("cannot reach nim at https://nim.example/v1: is it running? check backends.nim.baseUrl",
                down.verdict(REACHABLE).detail());
        assertEquals("not checked: reachable failed", down.verdict(TEXT).detail());
        assertEquals(List.of(), prober.sent);

        prober.list = new Prober.ModelList(null, new ProviderFailure(FailureKind.AUTHENTICATION, "rejected", "nim", 401,
                null), 3);
        ProfileReport refused = run();
        assertEquals(OK, status(refused, REACHABLE));
        assertEquals("401 from nim: NVIDIA_API_KEY rejected; check the key, or set a new one", refused.verdict(KEY).detail());
        assertEquals("rejected", refused.verdict(KEY).failure().message(), "the provider's words go along");
        assertEquals(List.of(), prober.sent);
    }

    @Test
    void a_refused_key_or_unknown_model_on_the_first_request_skips_the_rest() {
        prober.fail(Probe.TEXT, FailureKind.AUTHENTICATION, 401);
        ProfileReport refused = run();
        assertEquals(FAIL, status(refused, KEY));
        assertEquals(List.of(Probe.TEXT), prober.sent);

        prober.sent.clear();
        prober.list = new Prober.ModelList(List.of("a", "b", "c"), null, 5);
        prober.fail(Probe.TEXT, FailureKind.NOT_FOUND, 404);
        ProfileReport unknown = run();
        assertEquals(OK, status(unknown, KEY));
        assertEquals("404 from nim: no model 'z-ai/glm4.7'; check modelProfiles.claude-glm.providerModel "
                + "(nim lists 3 models, not this one)", unknown.verdict(MODEL).detail());
        assertEquals(SKIP, status(unknown, STREAM));
        assertEquals(List.of(Probe.TEXT), prober.sent);
    }

    @Test
    void other_failures_are_the_probes_own_and_the_other_checks_still_run() {
        prober.fail(Probe.TEXT, FailureKind.SERVER_ERROR, 500);
        ProfileReport report = run();
        assertEquals(FAIL, status(report, TEXT));
        assertEquals("500 from nim: the provider failed; try again later", report.verdict(TEXT).detail());
        assertEquals(OK, status(report, STREAM));
        assertEquals(OK, status(report, KEY), "the stream proved the key");
        assertEquals("answered (the adapter has no model list)", report.verdict(MODEL).detail());
        assertEquals(List.of(Probe.values()), prober.sent);
    }

    @Test
    void a_model_missing_from_the_list_that_answers_is_a_warning_and_an_alias_of_a_listed_one_is_fine() {
        prober.list = new Prober.ModelList(List.of("glm-4.6"), null, 5);
        ProfileReport report = run();
        assertEquals(WARN, status(report, MODEL));
        assertEquals("not among the 1 models nim lists, but it answered", report.verdict(MODEL).detail());
        assertFalse(report.failed(), "a warning is not a failure");

        prober.list = new Prober.ModelList(List.of("z-ai/glm4.7-20250929"), null, 5);
        assertEquals("listed as z-ai/glm4.7-20250929", run().verdict(MODEL).detail());
    }

    @Test
    void tool_calls_must_come_named_with_arguments_that_parse_and_hold_the_city() {
        prober.answer(Probe.TOOLS, ScriptedProber.frames(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Sunny\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}"));
        assertTrue(run().verdict(TOOLS).detail().startsWith("no tool call: the model answered with text"));

        prober.answer(Probe.TOOLS, ScriptedProber.tool("city=Paris"));
        assertEquals("the arguments of get_weather are not a JSON object: city=Paris", run().verdict(TOOLS).detail());

        prober.answer(Probe.TOOLS, ScriptedProber.tool("{\\\"town\\\":\\\"Paris\\\"}"));
        assertEquals("the arguments of get_weather lack the required \"city\": {\"town\":\"Paris\"}",
                run().verdict(TOOLS).detail());

        prober.answer(Probe.TOOLS, ScriptedProber.tool("{}"), Map.of("tools", "the gateway has no tools"));
        ProfileReport dropped = run();
        assertEquals("the openai-chat adapter cannot pass tools on: the gateway has no tools", dropped.verdict(TOOLS).detail());
        assertTrue(dropped.failed());
    }

    @Test
    void thinking_is_off_when_the_adapter_drops_it_and_a_failure_when_it_is_passed_on_but_never_comes() {
        prober.answer(Probe.THINKING, ScriptedProber.frames(), Map.of("thinking", "route has no reasoning dialect"));
        ProfileReport off = run();
        assertEquals(OFF, status(off, THINKING));
        assertTrue(off.verdict(THINKING).detail().endsWith("(route has no reasoning dialect)"));
        assertFalse(off.failed());

        prober.answer(Probe.THINKING, ScriptedProber.frames(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}"));
        assertEquals(FAIL, status(run(), THINKING));
    }

    @Test
    void an_answer_spent_on_thinking_is_a_warning_and_an_empty_one_a_failure() {
        prober.answer(Probe.TEXT, ScriptedProber.frames(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\"}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":96}}"));
        ProfileReport thinking = run();
        assertEquals(WARN, status(thinking, TEXT));
        assertTrue(thinking.verdict(TEXT).detail().startsWith("no text within 96 tokens"));

        prober.answer(Probe.STREAM, ScriptedProber.frames(
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":0}}"));
        assertEquals("the stream carried no content (stop_reason end_turn)", run().verdict(STREAM).detail());
    }
}
