package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.claudia.router.fakeopenai.FakeHttp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Responses endpoint: OpenAI's key and body checks with its error texts, scripts, scenarios and the journal. */
class ResponsesEndpointTest {

    @RegisterExtension
    static final FakeHttp http = new FakeHttp();

    private static final String OK_INPUT = "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]";

    private static HttpResponse<String> responses(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(http.base.resolve("/v1/responses")).header("Authorization", "Bearer sk-x")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message, String param, String code)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals(message, error.get("message").asText());
        assertEquals("invalid_request_error", error.get("type").asText());
        assertEquals(param == null ? "null" : param, error.get("param").asText("null"));
        assertEquals(code == null ? "null" : code, error.get("code").asText("null"));
    }

    @Test
    void needs_a_bearer_key() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.base.resolve("/v1/responses"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"text\"," + OK_INPUT + "}")));
        assertRefused(response, 401, ResponsesEndpoint.NO_KEY, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chat parameter|\"max_tokens\":10|Unknown parameter: 'max_tokens'.|max_tokens|unknown_parameter",
        "stop sequences|\"stop\":[\"x\"]|Unknown parameter: 'stop'.|stop|unknown_parameter",
        "too few output tokens|\"max_output_tokens\":1|Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 1 instead.|max_output_tokens|integer_below_min_value",
        "unknown effort|\"reasoning\":{\"effort\":\"max\"}|Invalid value: 'max'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'.|reasoning.effort|invalid_value",
        "long function name|\"tools\":[{\"type\":\"function\",\"name\":\"mcp__claude_in_chrome__computer_use_screenshot_with_annotations_x\",\"parameters\":{},\"strict\":false}]|Invalid 'tools[0].name': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.|tools[0].name|string_above_max_length",
        "unknown item key|\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{},\"strict\":false,\"input_schema\":{}}]|Unknown parameter: 'tools[0].input_schema'.|tools[0].input_schema|unknown_parameter",
    })
    void refuses_what_openai_refuses_with_its_words(String name, String extra, String message, String param, String code)
            throws Exception {
        assertRefused(responses("{\"model\":\"text\"," + OK_INPUT + "," + extra + "}"), 400, message, param, code);
    }

    @Test
    void refuses_a_body_without_input_or_model() throws Exception {
        assertRefused(responses("{\"model\":\"text\"}"), 400, "Missing required parameter: 'input'.", "input",
                "missing_required_parameter");
        assertRefused(responses("{" + OK_INPUT + "}"), 400, "Missing required parameter: 'model'.", "model",
                "missing_required_parameter");
    }

    @Test
    void assistant_content_must_be_output_text() throws Exception {
        assertRefused(responses("{\"model\":\"text\",\"input\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"earlier\"}]}]}"), 400, "Invalid value: 'input_text'. Supported values are: 'output_text' and "
                + "'refusal'.", "input[0].content[0]", "invalid_value");
    }

    @Test
    void pairs_function_calls_with_their_outputs() throws Exception {
        String call = "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"f\",\"arguments\":\"{}\"}";
        String output = "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"done\"}";
        assertRefused(responses("{\"model\":\"text\",\"input\":[" + call + "]}"), 400,
                "No tool output found for function call call_1.", "input", null);
        assertRefused(responses("{\"model\":\"text\",\"input\":[" + output + "]}"), 400,
                "No tool call found for function call output with call_id call_1.", "input", null);
        assertEquals(200, responses("{\"model\":\"text\",\"input\":[" + call + "," + output + "]}").statusCode());
    }

    @Test
    void reasoning_goes_back_only_as_encrypted_content_it_issued_and_before_its_output() throws Exception {
        HttpResponse<String> first = responses("{\"model\":\"reasoning\"," + OK_INPUT + "}");
        JsonNode reasoning = JSON.readTree(first.body()).at("/output/0");
        String encrypted = reasoning.get("encrypted_content").asText();
        String after = "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"The answer is 4.\"}]}";
        String item = "{\"type\":\"reasoning\",\"id\":\"" + reasoning.get("id").asText() + "\",\"summary\":[],"
                + "\"encrypted_content\":\"" + encrypted + "\"}";
        assertEquals(200, responses("{\"model\":\"text\",\"input\":[" + item + "," + after + "]}").statusCode());
        assertRefused(responses("{\"model\":\"text\",\"input\":[" + item.replace(encrypted, "gAAAAforged") + "," + after + "]}"),
                400, "The encrypted content for item " + reasoning.get("id").asText() + " could not be verified.",
                "input[0].encrypted_content", "invalid_encrypted_content");
        assertRefused(responses("{\"model\":\"text\",\"input\":[" + item + "]}"), 400, "Item '" + reasoning.get("id").asText()
                + "' of type 'reasoning' was provided without its required following item.", "input", null);
        assertRefused(responses("{\"model\":\"text\",\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}," + after
                + "]}"), 404, "Item with id 'rs_1' not found. Items are not persisted when `store` is set to false. Try again "
                + "with `store` set to true, or remove this item from your input.", "input", null);
    }

    @Test
    void plays_what_is_scripted_for_the_model_and_journals_the_request() throws Exception {
        http.script("resp-up", "{\"status\":429,\"headers\":{\"retry-after\":\"2\"},\"json\":{\"error\":{\"message\":\"slow\"}}}",
                "{\"sse\":[{\"event\":\"response.created\",\"data\":\"{\\\"type\\\":\\\"response.created\\\"}\"}]}");
        HttpResponse<String> limited = responses("{\"model\":\"resp-up\"," + OK_INPUT + "}");
        assertEquals(429, limited.statusCode());
        assertEquals("2", limited.headers().firstValue("retry-after").orElseThrow());
        HttpResponse<String> streamed = responses("{\"model\":\"resp-up\"," + OK_INPUT + ",\"stream\":true}");
        assertEquals("event: response.created\ndata: {\"type\":\"response.created\"}\n\n", streamed.body());
        JsonNode journaled = http.json("/__admin/requests?model=resp-up").get(1);
        assertEquals("/v1/responses", journaled.get("path").asText());
        assertTrue(journaled.at("/body/stream").asBoolean());
        assertEquals("Bearer sk-x", journaled.at("/headers/authorization").asText());
    }

    @Test
    void built_in_scenarios_answer_whole_or_as_semantic_events() throws Exception {
        JsonNode whole = JSON.readTree(responses("{\"model\":\"fake/tool\"," + OK_INPUT + "}").body());
        assertEquals("function_call", whole.at("/output/0/type").asText());
        assertEquals("get_weather", whole.at("/output/0/name").asText());
        String events = responses("{\"model\":\"text\"," + OK_INPUT + ",\"stream\":true}").body();
        assertTrue(events.startsWith("event: response.created\ndata: {"), events);
        assertTrue(events.contains("event: response.output_text.delta\n"), events);
        assertTrue(events.strip().endsWith("}") && events.contains("event: response.completed\n"), events);
        HttpResponse<String> unknown = responses("{\"model\":\"nothing-here\"," + OK_INPUT + "}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("The model 'nothing-here' does not exist"), unknown.body());
    }
}
