package dev.claudia.router.domain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden files under the running module's src/test/resources. Run with {@code -Dgolden.update=true} to rewrite them
 * from the current output (then review the diff); never edit them by hand.
 */
public final class Golden {

    private static final Path ROOT = Path.of("src/test/resources");

    private Golden() {}

    public static String read(String name) {
        try {
            return Files.readString(ROOT.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    public static void check(String name, String actual) {
        Path file = ROOT.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (!Boolean.getBoolean("golden.update")) {
                throw new AssertionError("golden file " + name + " did not exist and was written; review it and rerun");
            }
            return;
        }
        assertEquals(read(name), actual, "output differs from golden file " + name
                + " (rerun with -Dgolden.update=true if the change is intended)");
    }
}
