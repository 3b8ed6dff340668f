package dev.claudia.router.bootstrap.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables the router reads: the process environment over a {@code .env} file in the working
 * directory (real variables win, as with most dotenv tools). Values are never logged: the toString
 * shows names only.
 */
public final class Environment {

    private final Map<String, String> values;

    public Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment, over {@code dotEnv} if that file exists. */
    public static Environment load(Path dotEnv, Map<String, String> process) {
        return load(java.util.List.of(dotEnv), process);
    }

    /** The process environment over the {@code .env} files that exist, the first file winning over later ones. */
    public static Environment load(java.util.List<Path> dotEnvs, Map<String, String> process) {
        Map<String, String> merged = new HashMap<>();
        for (int i = dotEnvs.size() - 1; i >= 0; i--) {
            merged.putAll(readDotEnv(dotEnvs.get(i)));
        }
        merged.putAll(process);
        return new Environment(merged);
    }

    /** The same variables with one set (or replaced). */
    public Environment with(String name, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(name, value);
        return new Environment(changed);
    }

    public Optional<String> get(String name) {
        String value = name == null ? null : values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String getOr(String name, String absent) {
        return get(name).orElse(absent);
    }

    /** All variables (for handing to a router started in this process). */
    public Map<String, String> asMap() {
        return values;
    }

    /** Reads KEY=VALUE lines; '#' comments, optional 'export ', single or double quotes. */
    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> read = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return read;
        }
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring(7).strip();
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                } else {
                    int comment = value.indexOf(" #");
                    if (comment >= 0) {
                        value = value.substring(0, comment).strip();
                    }
                }
                read.put(line.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new ConfigException(java.util.List.of(file + ": cannot read: " + e.getMessage()));
        }
        return read;
    }

    @Override
    public String toString() {
        return "Environment" + values.keySet();
    }
}
