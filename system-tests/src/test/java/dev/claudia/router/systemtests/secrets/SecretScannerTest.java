package dev.claudia.router.systemtests.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end-of-suite scan finds a planted leak in each form, with its file and line, and refuses too little material. */
class SecretScannerTest {

    private static final String KEY = PlantedSecret.VALUE;
    private final SecretScanner scanner = new SecretScanner(KEY);

    @TempDir
    Path dir;

    private List<SecretScanner.Finding> leak(String line) throws Exception {
        Files.writeString(dir.resolve("responses.txt"), "### GET /health\nHTTP_1_1 200\n\nok\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/launched-1.log"), "INFO claudia backend planted (openai-chat): http://x/v1 (PLANTED_API_KEY is set)\nWARN something\n" + line + "\nend\n");
        return scanner.scan(dir, List.of()).findings();
    }

    @Test
    void a_clean_recording_has_no_finding_and_counts_what_it_searched() throws Exception {
        assertEquals(List.of(), leak("WARN provider said: invalid key [REDACTED]"));
        SecretScanner.Material material = scanner.scan(dir, List.of()).material();
        assertEquals(new SecretScanner.Material(2, 8, 1, 1, 1), material);
    }

    @Test
    void the_key_as_written_is_found_with_its_file_and_line() throws Exception {
        List<SecretScanner.Finding> findings = leak("WARN upstream 401: {\"error\":\"bad key " + KEY + "\"}");
        assertTrue(findings.stream().anyMatch(f -> f.form().equals("as written")), findings.toString());
        SecretScanner.Finding first = findings.getFirst();
        assertEquals(dir.resolve("sub/launched-1.log"), first.file());
        assertEquals(3, first.line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "u:", "us:", "user:"})
    void the_key_inside_base64_is_found_at_every_offset(String prefix) throws Exception {
        byte[] text = (prefix + KEY + "!").getBytes(StandardCharsets.UTF_8);
        assertTrue(!leak("authorization: Basic " + Base64.getEncoder().encodeToString(text)).isEmpty());
        assertTrue(!leak("token=" + Base64.getUrlEncoder().withoutPadding().encodeToString(text)).isEmpty());
    }

    @Test
    void url_encoded_hex_and_truncated_keys_are_found() throws Exception {
        assertTrue(!leak("GET /v1?key=" + URLEncoder.encode(KEY, StandardCharsets.UTF_8)).isEmpty());
        assertTrue(!leak("dump " + java.util.HexFormat.of().formatHex(KEY.getBytes(StandardCharsets.UTF_8))).isEmpty());
        assertTrue(!leak("key " + KEY.substring(0, KEY.length() - 6) + "...").isEmpty());
        assertTrue(!leak("key ..." + KEY.substring(8)).isEmpty());
    }

    @Test
    void too_little_recorded_material_is_a_failure() throws Exception {
        leak("nothing");
        SecretScanner.Material material = scanner.scan(dir, List.of()).material();
        assertEquals(4, SecretScanner.shortfalls(material, 2, 2, 100, 2).size());
        assertEquals(List.of(), SecretScanner.shortfalls(material, 1, 1, 8, 1));
        SecretScanner.Material nothing = scanner.scan(dir.resolve("missing"), List.of()).material();
        assertEquals(4, SecretScanner.shortfalls(nothing, 1, 1, 1, 1).size());
    }
}
