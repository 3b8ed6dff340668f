package dev.claudia.router.systemtests.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.systemtests.RouterUnderTest;
import dev.claudia.router.systemtests.Sse;
import dev.claudia.router.systemtests.fake.FakeOpenAiContainer;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A router with one backend per dialect, each pointed at the fake with that provider's rules
 * ({@code /gemini/v1}, {@code /mistral/v1}...; the generic dialect gets OpenAI's, {@code /openai/v1}),
 * and a profile per dialect and scenario: {@code claude-<dialect>-<scenario>} asks the fake for
 * model {@code <dialect>-<scenario>}, so no two tests share a script. The {@code thinking} profile
 * of a dialect whose default is not to ask for reasoning turns it on in the provider's own way
 * ({@link #THINKING_STYLES}), as a user with a reasoning model there would.
 */
final class DialectRouter {

    static final List<String> DIALECTS = List.of("nvidia-nim", "deepseek", "openrouter", "groq", "gemini", "mistral",
            "ollama", "lmstudio", "vllm", "llamacpp", "generic");

    /**
     * The {@code reasoning} option of the thinking profiles whose dialect asks for none by default:
     * OpenAI, Groq, Ollama's and LM Studio's OpenAI endpoints take {@code reasoning_effort}; NIM's
     * Qwen 3 and GLM take {@code chat_template_kwargs.enable_thinking}. Mistral's field has no
     * reasoning style: its profile sets {@code prompt_mode} through {@code extraBody}, as
     * docs/providers.md tells users to.
     */
    static final Map<String, String> THINKING_STYLES = Map.of("generic", "effort", "groq", "effort", "ollama", "effort",
            "lmstudio", "effort", "nvidia-nim", "chat_template_kwargs");

    private DialectRouter() {}

    static RouterUnderTest start(FakeOpenAiContainer fake, List<String> scenarios) {
        ObjectNode config = RouterUnderTest.config(fake.baseUrl(), Map.of());
        ObjectNode backends = (ObjectNode) config.get("backends");
        ObjectNode profiles = (ObjectNode) config.get("modelProfiles");
        for (String dialect : DIALECTS) {
            String prefix = dialect.equals("generic") ? "openai" : dialect;
            backends.putObject("d-" + dialect).put("dialect", dialect)
                    .put("baseUrl", "http://127.0.0.1:" + fake.port() + "/" + prefix + "/v1")
                    .put("apiKeyEnv", "FAKE_API_KEY").put("defaultModel", dialect);
            for (String scenario : scenarios) {
                ObjectNode profile = profiles.putObject("claude-" + dialect + "-" + scenario).put("backend", "d-" + dialect)
                        .put("providerModel", dialect + "-" + scenario).put("retryAttempts", 1);
                if (scenario.equals("thinking") && THINKING_STYLES.containsKey(dialect)) {
                    profile.putObject("options").put("reasoning", THINKING_STYLES.get(dialect));
                }
                if (scenario.equals("thinking") && dialect.equals("mistral")) {
                    profile.putObject("extraBody").put("prompt_mode", "reasoning");
                }
            }
        }
        return RouterUnderTest.start(config, Map.of());
    }

    /** Posts and returns the whole answer, which must be a 200. */
    static JsonNode complete(RouterUnderTest router, ObjectNode request) {
        HttpResponse<String> response = router.post("/v1/messages", request.toString());
        assertEquals(200, response.statusCode(), response.body());
        return RouterUnderTest.json(response);
    }

    /** Posts with {@code stream: true} and returns the frames, which must come with a 200. */
    static List<Sse.Frame> stream(RouterUnderTest router, ObjectNode request) throws IOException, InterruptedException {
        request.put("stream", true);
        HttpResponse<InputStream> response = router.client().send(router.request("/v1/messages")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + ": " + new String(response.body().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        return new Sse(response.body()).rest();
    }

    /** The blocks of a streamed answer as a client keeps them in its history (what it sends back next turn). */
    static ArrayNode content(List<Sse.Frame> frames) throws IOException {
        ArrayNode blocks = RouterUnderTest.JSON.createArrayNode();
        StringBuilder partial = new StringBuilder();
        for (Sse.Frame f : frames) {
            JsonNode d = f.data();
            switch (f.event()) {
                case "content_block_start" -> {
                    blocks.add(d.get("content_block").deepCopy());
                    partial.setLength(0);
                }
                case "content_block_delta" -> {
                    ObjectNode block = (ObjectNode) blocks.get(blocks.size() - 1);
                    switch (d.at("/delta/type").asText()) {
                        case "text_delta" -> block.put("text", block.path("text").asText() + d.at("/delta/text").asText());
                        case "thinking_delta" -> block.put("thinking", block.path("thinking").asText()
                                + d.at("/delta/thinking").asText());
                        case "signature_delta" -> block.put("signature", d.at("/delta/signature").asText());
                        case "input_json_delta" -> partial.append(d.at("/delta/partial_json").asText());
                        default -> { }
                    }
                }
                case "content_block_stop" -> {
                    ObjectNode block = (ObjectNode) blocks.get(blocks.size() - 1);
                    if (block.path("type").asText().equals("tool_use")) {
                        block.set("input", RouterUnderTest.JSON.readTree(partial.isEmpty() ? "{}" : partial.toString()));
                    }
                }
                case "error" -> throw new AssertionError("the stream failed: " + d);
                default -> { }
            }
        }
        return blocks;
    }

    /**
     * The 64-character form of a long tool name, computed here independently of the router: its
     * allowed characters up to 55, an underscore, 8 hex digits of its SHA-256.
     */
    static String shortName(String name) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
            return name.substring(0, 55).replaceAll("[^a-zA-Z0-9_-]", "_") + "_" + hex;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
