package dev.claudia.router.adapters.provider.responses.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.responses.Calls;
import dev.claudia.router.domain.message.MessageResponse;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderCall;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.testing.DomainJson;
import dev.claudia.router.domain.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole Responses answers (golden/responses/*.response.json) against the domain messages they must
 * become (*.domain.json); {@code thinking-} scenarios answer requests that asked for thinking.
 * {@code -Dgolden.update=true} rewrites the golden files (review the diff).
 */
class ResponseMapperTest {

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/responses"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".response.json"))
                    .map(n -> n.substring(0, n.length() - ".response.json".length())).sorted().toList().stream();
        }
    }

    private static MessageResponse map(String json, boolean thinking) {
        ProviderCall call = Calls.call(Calls.streaming(thinking));
        return ResponseMapper.toMessage(ResponsesJson.object(json), call, false, Calls.ids(), Calls.quarterTokens());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void maps_the_answer_as_the_golden_file_says(String scenario) {
        MessageResponse message = map(Golden.read("golden/responses/" + scenario + ".response.json"),
                scenario.startsWith("thinking-"));
        Golden.check("golden/responses/" + scenario + ".domain.json", DomainJson.render(message));
    }

    @Test
    void a_failed_response_is_a_failure_of_the_kind_its_code_says() {
        ProviderException e = assertThrows(ProviderException.class, () -> map("""
                {"id":"r","object":"response","status":"failed","output":[],
                 "error":{"code":"rate_limit_exceeded","message":"Rate limit reached"}}""", false));
        assertEquals(FailureKind.RATE_LIMITED, e.failure().kind());
        assertTrue(e.getMessage().contains("Rate limit reached"), e.getMessage());
    }

    @Test
    void an_answer_without_output_is_malformed() {
        ProviderException e = assertThrows(ProviderException.class, () -> map("{\"id\":\"r\",\"status\":\"completed\"}", false));
        assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind());
    }

    @Test
    void a_function_call_without_a_name_or_with_arguments_beyond_repair_is_malformed() {
        for (String item : new String[] {"{\"type\":\"function_call\",\"call_id\":\"c\",\"arguments\":\"{}\"}",
            "{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"Bash\",\"arguments\":\"ls -la\"}"}) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> map("{\"status\":\"completed\",\"output\":[" + item + "]}", false));
            assertEquals(FailureKind.MALFORMED_RESPONSE, e.failure().kind(), item);
        }
    }

    @Test
    void repeated_call_ids_are_made_unique() {
        MessageResponse message = map("{\"status\":\"completed\",\"output\":[{\"type\":\"function_call\",\"call_id\":\"c\","
                + "\"name\":\"A\",\"arguments\":\"{}\"},{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"B\","
                + "\"arguments\":\"{}\"}]}", false);
        JsonNode rendered = ResponsesJson.object(DomainJson.render(message));
        assertEquals("c", rendered.at("/content/0/id").asText());
        assertTrue(rendered.at("/content/1/id").asText().startsWith("toolu_"), rendered.toString());
    }
}
