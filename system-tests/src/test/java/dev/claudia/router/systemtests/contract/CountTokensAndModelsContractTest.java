package dev.claudia.router.systemtests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.claudia.router.systemtests.RouterUnderTest.json;
import static dev.claudia.router.systemtests.RouterUnderTest.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** count_tokens against an independent count with the same tokenizer, and the models list Claude Code's discovery reads. */
class CountTokensAndModelsContractTest {

    private static RouterUnderTest router;
    private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    @BeforeAll
    static void start() {
        // Insertion order matters: the models list follows the config file's order.
        Map<String, String> profiles = new LinkedHashMap<>();
        profiles.put("claude-count", profile("text", 1, ""));
        profiles.put("claude-other", profile("text", 1, ""));
        router = RouterUnderTest.start(FakeOpenAiContainer.shared().baseUrl(), profiles, Map.of());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static int count(String body) {
        var response = router.post("/v1/messages/count_tokens?beta=true", body);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("input_tokens").asInt();
    }

    @Test
    void counts_text_with_the_tokenizer_plus_a_small_per_message_overhead() {
        String text = "The quick brown fox jumps over the lazy dog, then writes a Java module-info.";
        int counted = count("{\"model\":\"claude-count\",\"system\":\"You are terse.\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}");
        int expected = CL100K.countTokensOrdinary(text) + CL100K.countTokensOrdinary("You are terse.") + 4;
        assertEquals(expected, counted);
    }

    @Test
    void counts_tools_and_grows_with_the_conversation() throws Exception {
        int bare = count("{\"model\":\"claude-count\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        int withTool = count("{\"model\":\"claude-count\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"name\":\"Read\",\"description\":\"Read a file from disk\",\"input_schema\":{\"type\":\"object\"}}]}");
        assertTrue(withTool > bare + 8, bare + " -> " + withTool);
        String fixture = Files.readString(Path.of(System.getProperty("claudia.home", ".."),
                "adapters-http/src/test/resources/requests/claude-code-first-request.json"));
        int claudeCode = count(fixture);
        assertTrue(claudeCode > fixture.length() / 8 && claudeCode < fixture.length() / 2,
                "a 76 KB Claude Code request counts " + claudeCode + " tokens");
    }

    @Test
    void an_empty_conversation_and_images_are_counted_not_refused() {
        assertEquals(0, count("{\"model\":\"claude-count\",\"messages\":[]}"));
        int image = count("{\"model\":\"claude-count\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}]}");
        assertTrue(image > 1000, "an image costs a flat, typical amount: " + image);
    }

    @Test
    void lists_the_configured_aliases_for_claude_codes_gateway_discovery() {
        JsonNode models = json(router.send(router.request("/v1/models?limit=1000&beta=true").GET()));
        assertEquals("claude-count", models.at("/data/0/id").asText(), "config order is kept");
        assertEquals("claude-other", models.at("/data/1/id").asText());
        assertEquals("model", models.at("/data/0/type").asText());
        assertTrue(models.at("/data/0/display_name").asText().contains("via fake"));
        assertTrue(models.at("/data/0/created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"));
        assertEquals(false, models.get("has_more").asBoolean());
        for (JsonNode model : models.get("data")) {
            assertTrue(model.get("id").asText().matches("(?i)^(claude|anthropic).*"), "discovery keeps claude-* ids only");
        }
    }
}
