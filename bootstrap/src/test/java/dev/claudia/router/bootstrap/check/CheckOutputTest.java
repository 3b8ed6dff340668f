package dev.claudia.router.bootstrap.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudia.router.domain.port.FailureKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table and the JSON: a row per profile, a column per capability with its time, reasons with the provider's words. */
class CheckOutputTest {

    private static List<ProfileReport> reports() {
        ProfileTarget good = new ProfileTarget("claude-good", "nim", "openai-chat", URI.create("https://nim.example/v1"),
                "m-1", "NVIDIA_API_KEY", ProfileTarget.Key.SET, true);
        ProfileTarget bad = new ProfileTarget("claude-bad", "nim", "openai-chat", URI.create("https://nim.example/v1"),
                "m-2", "NVIDIA_API_KEY", ProfileTarget.Key.SET, true);
        ScriptedProber healthy = new ScriptedProber();
        healthy.list = new Prober.ModelList(List.of("m-1"), null, 1234);
        ScriptedProber refused = new ScriptedProber().fail(Probe.TEXT, FailureKind.AUTHENTICATION, 401);
        return List.of(new ProfileCheck(good, healthy).run(), new ProfileCheck(bad, refused).run());
    }

    @Test
    void the_table_has_a_row_per_profile_times_reasons_and_a_summary() {
        String table = CheckTable.render(reports());
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("profile +backend +provider model +reachable +key +model +text +stream +tools "
                + "+thinking +tokens"), lines.get(0));
        assertTrue(lines.get(1).matches("claude-good +nim +m-1 +ok 1\\.2s +ok +ok +ok 100ms +ok 100ms +ok 100ms +ok 100ms +38"),
                lines.get(1));
        assertTrue(lines.get(2).matches("claude-bad +nim +m-2 +ok +FAIL 50ms +- +- +- +- +- +0"), lines.get(2));
        assertTrue(table.contains("\nfailures:\n  claude-bad key: 401 from nim: NVIDIA_API_KEY rejected; check the key, or set "
                + "a new one\n      (backend 'nim' said no (401))\n"), table);
        assertTrue(table.endsWith("1 of 2 profiles failed; 38 tokens spent (22 in, 16 out, as the providers reported them)\n"),
                table);
    }

    @Test
    void the_json_says_the_same_for_machines() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CheckJson.render("/x/config.json", reports()));
        assertFalse(json.get("ok").asBoolean());
        assertEquals(4, json.at("/budget/requestsPerProfile").asInt());
        JsonNode good = json.at("/profiles/0");
        assertTrue(good.get("ok").asBoolean());
        assertEquals("ok", good.at("/checks/tools/status").asText());
        assertEquals(100, good.at("/checks/tools/ms").asLong());
        JsonNode key = json.at("/profiles/1/checks/key");
        assertEquals("fail", key.get("status").asText());
        assertEquals("authentication", key.at("/failure/kind").asText());
        assertEquals(401, key.at("/failure/status").asInt());
        assertEquals("skip", json.at("/profiles/1/checks/model/status").asText());
        assertFalse(json.at("/profiles/1/checks/model").has("ms"));
    }
}
