package dev.claudia.router.fakeopenai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.claudia.router.fakeopenai.FakeHttp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model lists in OpenAI's and Anthropic's shapes, OpenAI's key check under /secured/, and scripted
 * answers on any path (a team adapter's own protocol).
 */
class ModelsAndKeysTest {

    @RegisterExtension
    static final FakeHttp http = new FakeHttp();

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.base.resolve(path)).GET();
        return http.send(headers.length == 0 ? request : request.headers(headers));
    }

    @Test
    void lists_the_scenarios_and_the_posted_models_in_openais_shape() throws Exception {
        assertEquals(200, http.post("/__admin/models", "{\"models\":[\"acme/listed-1\"]}").statusCode());
        assertEquals(400, http.post("/__admin/models", "{\"models\":[7]}").statusCode());
        JsonNode list = JSON.readTree(get("/v1/models").body());
        assertEquals("list", list.get("object").asText());
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertTrue(ids.contains("text") && ids.contains("acme/listed-1"), ids.toString());
        assertEquals("model", list.at("/data/0/object").asText());
    }

    @Test
    void anthropics_list_checks_key_and_version_and_comes_in_pages() throws Exception {
        assertEquals(200, http.post("/__admin/anthropic/keys", "{\"keys\":[\"sk-ant-models\"]}").statusCode());
        assertEquals(401, get("/v1/models", "anthropic-version", "2023-06-01").statusCode());
        assertEquals(401, get("/v1/models", "x-api-key", "sk-ant-bad", "anthropic-version", "2023-06-01").statusCode());
        assertEquals(400, get("/v1/models", "x-api-key", "sk-ant-models").statusCode(), "version required");

        List<String> ids = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = JSON.readTree(get("/v1/models?limit=3" + (after == null ? "" : "&after_id=" + after),
                    "x-api-key", "sk-ant-models", "anthropic-version", "2023-06-01").body());
            assertTrue(page.get("data").size() <= 3);
            page.get("data").forEach(m -> {
                assertEquals("model", m.get("type").asText());
                ids.add(m.get("id").asText());
            });
            after = page.path("has_more").asBoolean() ? page.get("last_id").asText() : null;
            pages++;
        } while (after != null);
        assertTrue(pages > 1, "more scenarios than one page of 3");
        assertEquals(ids.stream().distinct().count(), ids.size(), "no model twice across pages: " + ids);
        assertTrue(ids.contains("reasoning"), ids.toString());
    }

    @Test
    void secured_openai_endpoints_want_a_posted_key_and_say_so_as_openai_does() throws Exception {
        assertEquals(200, http.post("/__admin/openai/keys", "{\"keys\":[\"sk-fake-good-0001\"]}").statusCode());
        HttpResponse<String> none = http.post("/secured/v1/chat/completions", FakeHttp.req("text", false));
        assertEquals(401, none.statusCode());
        assertTrue(JSON.readTree(none.body()).at("/error/message").asText().startsWith("You didn't provide an API key"));

        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(http.base.resolve("/secured/v1/chat/completions"))
                .header("Authorization", "Bearer sk-wrong-key-9876")
                .POST(HttpRequest.BodyPublishers.ofString(FakeHttp.req("text", false))));
        assertEquals(401, wrong.statusCode());
        JsonNode error = JSON.readTree(wrong.body()).get("error");
        assertEquals("invalid_api_key", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("Incorrect API key provided: sk-**********9876."), error.toString());
        assertEquals(401, get("/secured/v1/models", "Authorization", "Bearer sk-wrong-key-9876").statusCode());

        HttpResponse<String> good = http.send(HttpRequest.newBuilder(http.base.resolve("/secured/v1/chat/completions"))
                .header("Authorization", "Bearer sk-fake-good-0001")
                .POST(HttpRequest.BodyPublishers.ofString(FakeHttp.req("text", false))));
        assertEquals(200, good.statusCode(), good.body());
        assertEquals(200, get("/secured/v1/models", "Authorization", "Bearer sk-fake-good-0001").statusCode());
        assertEquals(200, http.chat(FakeHttp.req("text", false)).statusCode(), "outside /secured/ any key or none passes");
    }

    @Test
    void any_post_naming_a_scripted_model_gets_its_entry_and_other_posts_a_404() throws Exception {
        http.script("acme-large", "{\"json\":{\"output\":\"hi\"}}");
        HttpResponse<String> answer = http.post("/gateway/v2/generate", "{\"model\":\"acme-large\",\"turns\":[]}");
        assertEquals(200, answer.statusCode());
        assertEquals("hi", JSON.readTree(answer.body()).get("output").asText());
        HttpResponse<String> unscripted = http.post("/gateway/v2/generate", "{\"model\":\"acme-large\"}");
        assertEquals(404, unscripted.statusCode());
        assertFalse(unscripted.body().isEmpty());
        assertEquals("/gateway/v2/generate", http.json("/__admin/requests?model=acme-large").get(0).get("path").asText());
    }
}
