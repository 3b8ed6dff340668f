package dev.claudia.router.provider.support;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProviderTextTest {

    private static String plain(String s, int max) {
        return ProviderText.plain(s.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void an_html_page_becomes_its_text() {
        assertEquals("502 Bad Gateway nginx", plain("<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body>"
                + "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", 300)
                .replace("502 Bad Gateway 502 Bad Gateway", "502 Bad Gateway"));
    }

    @Test
    void control_characters_cannot_forge_lines() {
        assertEquals("line one line two x", plain("line one\r\nline two\u0000\u001bx", 300));
    }

    @Test
    void the_result_is_cut_and_only_a_prefix_is_looked_at() {
        assertEquals("a".repeat(10) + "...", plain("a".repeat(1_000_000), 10));
        // an unclosed tag of megabytes: everything after '<' is markup, and the scan stops at the prefix bound
        assertEquals("start", plain("start <" + "<".repeat(5_000_000), 300));
    }
}
