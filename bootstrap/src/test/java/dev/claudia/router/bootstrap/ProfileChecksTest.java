package dev.claudia.router.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which profiles {@code claudia check --profile NAME...} judges (nothing is sent here). */
class ProfileChecksTest {

    private static ProfileChecks prepare(Path dir, String... names) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"defaultBackend": "nim",
                 "backends": {"nim": {"baseUrl": "https://integrate.api.nvidia.com/v1", "apiKeyEnv": "NVIDIA_API_KEY",
                                      "defaultModel": "m"}},
                 "modelProfiles": {
                   "claude-glm-4.7": {"backend": "nim", "providerModel": "z-ai/glm4.7",
                                      "aliases": ["claude-3-5-sonnet-glm", "claude-opus-4-1"]},
                   "claude-qwen-3.5": {"backend": "nim", "providerModel": "qwen/qwen3.5-122b-a10b"}}}
                """);
        return ProfileChecks.prepare(new ProfileChecks.Options(config, Map.of("CLAUDIA_ADAPTERS", dir.toString()),
                List.of(names), Duration.ofSeconds(5)), w -> {});
    }

    @Test
    void every_profile_by_default(@TempDir Path dir) throws Exception {
        assertEquals(List.of("claude-glm-4.7", "claude-qwen-3.5"), prepare(dir).profiles());
    }

    @Test
    void an_old_name_checks_the_profile_it_now_names(@TempDir Path dir) throws Exception {
        assertEquals(List.of("claude-glm-4.7", "claude-qwen-3.5"),
                prepare(dir, "claude-opus-4-1", "claude-qwen-3.5").profiles());
    }

    @Test
    void an_unknown_name_lists_the_profiles(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prepare(dir, "claude-glm"));
        assertTrue(e.getMessage().contains("unknown profile 'claude-glm' (profiles: claude-glm-4.7, claude-qwen-3.5)"),
                e.getMessage());
    }
}
