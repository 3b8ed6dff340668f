package dev.claudia.router.systemtests.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact bodies a provider received, kept under {@code src/test/resources/upstream}. Compared as
 * JSON; {@code -Dgolden.update=true} rewrites them from what the fake received (review the diff), a
 * missing one is written and fails once.
 */
final class UpstreamGolden {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path ROOT = Path.of("src/test/resources/upstream");

    private UpstreamGolden() {}

    static void check(String name, JsonNode actual) {
        Path file = ROOT.resolve(name + ".json");
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(ROOT);
                Files.writeString(file, PRETTY.writeValueAsString(actual) + "\n", StandardCharsets.UTF_8);
                if (!Boolean.getBoolean("golden.update")) {
                    throw new AssertionError("golden file " + file + " did not exist and was written; review it and rerun");
                }
                return;
            }
            assertEquals(PRETTY.readTree(Files.readString(file)), actual, "the provider received something else than "
                    + file + " (rerun with -Dgolden.update=true if the change is intended)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
