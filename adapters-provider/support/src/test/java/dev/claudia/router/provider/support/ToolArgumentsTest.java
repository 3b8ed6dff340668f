package dev.claudia.router.provider.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ToolArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "valid|{\"a\": 1}|{\"a\":1}",
            "empty|''|{}",
            "blank|'  '|{}",
            "trailing comma|{\"a\":1,}|{\"a\":1}",
            "single quotes|{'a': 'b'}|{\"a\":\"b\"}",
            "unquoted names|{a: 1}|{\"a\":1}",
            "sent twice|{\"a\":1}{\"a\":1}|{\"a\":1}",
            "truncated in a string|{\"path\":\"/tm|{\"path\":\"/tm\"}",
            "truncated after a comma|{\"a\":1,|{\"a\":1}",
            "truncated after a colon|{\"a\":|{\"a\":null}",
            "truncated nested|{\"a\":[1,{\"b\":2|{\"a\":[1,{\"b\":2}]}",
            "comments|{\"a\":1 /* one */}|{\"a\":1}",
            "extra closing braces|{\"a\":1}}}|{\"a\":1}",
            "sent twice, then corrected|{\"a\":1}{\"a\":2}|{\"a\":2}",
            "cut in a key|{\"a\":1,\"pa|{\"a\":1,\"pa\":null}",
            "cut after a key|{\"a\":1,\"path\"|{\"a\":1,\"path\":null}",
            "cut in a literal|{\"a\":tr|{\"a\":true}",
            "cut after an escape|{\"a\":\"x\\|{\"a\":\"x\"}",
    })
    void repairs_what_models_get_wrong(String name, String raw, String expected) {
        assertEquals(Optional.of(expected), ToolArguments.normalize(raw));
    }

    @Test
    void strips_code_fences_and_unwraps_double_encoded_arguments() {
        assertEquals(Optional.of("{\"a\":1}"), ToolArguments.normalize("```json\n{\"a\":1}\n```"));
        assertEquals(Optional.of("{\"a\":1}"), ToolArguments.normalize("\"{\\\"a\\\":1}\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"not json|ls -la", "an array|[1,2]", "a number|42", "a bare string|\"just text\"",
        "an object followed by text|{\"a\":1} and more", "an object then an array|{\"a\":1}[2]"})
    void refuses_what_cannot_be_an_object(String name, String raw) {
        // Never {}: a tool run without its arguments does harm.
        assertEquals(Optional.empty(), ToolArguments.normalize(raw));
    }
}
