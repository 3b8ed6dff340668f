package dev.claudia.router.systemtests.secrets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Searches what the suite recorded for a secret: as written, URL-encoded, in hex, and inside base64
 * (standard and URL-safe alphabets, at each of the three byte offsets it can start at in a longer
 * encoded text, so {@code Basic base64(user:key)} is found too), and its two halves (a truncated
 * key is a leak as well). Only the JDK, so {@code .ci/check-no-skips.sh} runs it after the suite:
 * {@code java -cp system-tests/target/test-classes ...SecretScanner DIR [FILE...]}; exit 1 when the
 * secret is found or when too little was recorded (a broken recorder must not pass).
 */
public final class SecretScanner {

    /** One place the secret was found. */
    public record Finding(Path file, long line, String form) {
        @Override
        public String toString() {
            return file + ":" + line + ": the planted key (" + form + ")";
        }
    }

    /**
     * What was searched: files, lines, recorded answers, log files, and the start-up lines of routers
     * that held the planted key ({@code backend planted ... (PLANTED_API_KEY is set)}).
     */
    public record Material(int files, long lines, long answers, int logFiles, long plantedRouters) {}

    public record Result(List<Finding> findings, Material material) {}

    private final Map<String, String> needles;

    public SecretScanner(String secret) {
        this.needles = forms(secret);
    }

    /** Each searched form of the secret, by name. */
    static Map<String, String> forms(String secret) {
        Map<String, String> forms = new LinkedHashMap<>();
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.put("as written", secret);
        add(forms, "URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
        add(forms, "hex", HexFormat.of().formatHex(bytes));
        for (int offset = 0; offset < 3; offset++) {
            add(forms, "base64 at offset " + offset, core(Base64.getEncoder(), bytes, offset));
            add(forms, "URL-safe base64 at offset " + offset, core(Base64.getUrlEncoder(), bytes, offset));
        }
        int half = secret.length() / 2;
        add(forms, "first half", secret.substring(0, half));
        add(forms, "second half", secret.substring(half));
        return forms;
    }

    /** A form that looks like one already searched for (a key of URL-safe characters URL-encodes to itself) is not searched twice. */
    private static void add(Map<String, String> forms, String name, String form) {
        if (!forms.containsValue(form)) {
            forms.put(name, form);
        }
    }

    /**
     * The base64 characters that depend on the secret's bytes alone when it starts {@code offset}
     * bytes into a 3-byte group: the first group (shared with what precedes) and the last (shared
     * with what follows) are dropped.
     */
    private static String core(Base64.Encoder encoder, byte[] secret, int offset) {
        byte[] shifted = new byte[offset + secret.length];
        System.arraycopy(secret, 0, shifted, offset, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        int start = offset == 0 ? 0 : 4;
        int end = shifted.length % 3 == 0 ? encoded.length() : encoded.length() / 4 * 4;
        return encoded.substring(start, end);
    }

    /** Searches every file under {@code dir} and the extra files. */
    public Result scan(Path dir, List<Path> extra) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        extra.stream().filter(Files::isRegularFile).forEach(files::add);
        List<Finding> findings = new ArrayList<>();
        long lines = 0;
        long answers = 0;
        long planted = 0;
        int logFiles = 0;
        for (Path file : files) {
            long before = lines;
            try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines++;
                    if (line.startsWith("### ")) {
                        answers++;
                    }
                    if (line.contains(" backend " + PlantedSecret.BACKEND + " (") && line.contains(PlantedSecret.ENV + " is set")) {
                        planted++;
                    }
                    for (Map.Entry<String, String> needle : needles.entrySet()) {
                        if (line.contains(needle.getValue())) {
                            findings.add(new Finding(file, lines - before, needle.getKey()));
                            break; // one finding a line: its plainest form
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (file.getFileName().toString().endsWith(".log") && lines > before) {
                logFiles++;
            }
        }
        return new Result(findings, new Material(files.size(), lines, answers, logFiles, planted));
    }

    /** Problems with the recorded material itself: too little of it means the recorder is broken. */
    public static List<String> shortfalls(Material material, long minAnswers, int minLogFiles, long minLines,
                                          long minPlantedRouters) {
        List<String> problems = new ArrayList<>();
        if (material.answers() < minAnswers) {
            problems.add(material.answers() + " recorded answers, fewer than " + minAnswers);
        }
        if (material.logFiles() < minLogFiles) {
            problems.add(material.logFiles() + " router log files with lines, fewer than " + minLogFiles);
        }
        if (material.plantedRouters() < minPlantedRouters) {
            problems.add(material.plantedRouters() + " routers logged that they hold the planted key, fewer than "
                    + minPlantedRouters);
        }
        if (material.lines() < minLines) {
            problems.add(material.lines() + " lines in all, fewer than " + minLines);
        }
        return problems;
    }

    /**
     * {@code DIR [FILE...]}; the minimums (what a whole system-tests run records, with a wide margin)
     * can be lowered for a focused run with {@code -Dmin.answers}, {@code -Dmin.logs}, {@code -Dmin.lines},
     * {@code -Dmin.routers}.
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        List<Path> extra = Stream.of(args).skip(1).map(Path::of).toList();
        Result result = new SecretScanner(PlantedSecret.VALUE).scan(dir, extra);
        // A whole run (December 2026) records about 800 answers, 36 log files, 18,000 lines and 54 routers holding the key.
        List<String> shortfalls = shortfalls(result.material(), Long.getLong("min.answers", 400),
                Integer.getInteger("min.logs", 18), Long.getLong("min.lines", 8_000), Long.getLong("min.routers", 25));
        result.findings().forEach(f -> System.err.println("secret-scan: LEAK " + f));
        shortfalls.forEach(s -> System.err.println("secret-scan: too little recorded (is the recorder broken?): " + s));
        Material m = result.material();
        System.out.println("secret-scan: searched " + m.files() + " files, " + m.lines() + " lines (" + m.answers()
                + " answers, " + m.logFiles() + " log files, " + m.plantedRouters() + " routers holding the key) under " + dir + " for the planted key in "
                + new SecretScanner(PlantedSecret.VALUE).needles.size() + " forms: "
                + (result.findings().isEmpty() ? "not found" : result.findings().size() + " finding(s)"));
        System.exit(result.findings().isEmpty() && shortfalls.isEmpty() ? 0 : 1);
    }
}
