package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EnvironmentTest {

    @Test
    void reads_a_dot_env_file_and_lets_real_variables_win(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, """
                # keys
                NVIDIA_API_KEY=nvapi-from-file
                export OPENROUTER_API_KEY="sk-or-quoted"
                LOG_LEVEL=debug # inline comment
                EMPTY=
                not a line
                """);
        Environment env = Environment.load(file, Map.of("NVIDIA_API_KEY", "nvapi-real"));
        assertEquals(Optional.of("nvapi-real"), env.get("NVIDIA_API_KEY"));
        assertEquals(Optional.of("sk-or-quoted"), env.get("OPENROUTER_API_KEY"));
        assertEquals(Optional.of("debug"), env.get("LOG_LEVEL"));
        assertEquals(Optional.empty(), env.get("EMPTY"));
        assertFalse(env.toString().contains("nvapi"), "values never appear in toString: " + env);
    }

    @Test
    void a_missing_dot_env_file_is_fine(@TempDir Path dir) {
        assertEquals(Optional.empty(), Environment.load(dir.resolve(".env"), Map.of()).get("X"));
    }
}
