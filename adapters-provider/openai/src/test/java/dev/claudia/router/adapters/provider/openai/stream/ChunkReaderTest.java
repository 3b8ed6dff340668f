package dev.claudia.router.adapters.provider.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.adapters.provider.openai.mapping.ProviderJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming read of a chunk against what the JSON tree said of the same chunk (how the
 * translator read chunks before), for every shape of every field the stream tests and the
 * providers' documentation show, and the shapes they do not (other types, repeated fields).
 */
class ChunkReaderTest {

    private static final String WITHOUT_INDEX = "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"x\",\"function\":{\"name\":\"X\",\"arguments\":\"{}\"}},"
            + "{\"id\":\"y\",\"function\":{\"name\":\"Y\"}}]}}]}";
    private static final String INDEXES = "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1.9},{\"index\":-1},{\"index\":3000000000},{\"index\":\"0\"},"
            + "{\"index\":true},{\"index\":1e300},{\"index\":null},{\"index\":12345678901234567890123}]}}]}";
    private static final String NOT_OBJECTS = "{\"choices\":[{\"delta\":{\"tool_calls\":[null,1,\"x\",[],{}]}}]}";
    private static final String TIMINGS = "{\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":2},\"timings\":{\"cache_n\":60,\"prompt_n\":40}}";
    private static final String USAGE_LAST = "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":200,\"completion_tokens\":9,\"total_tokens\":209,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":100}}}";

    private static final String[] CHUNKS = {
            // text, as every provider streams it
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"system_fingerprint\":null,"
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"logprobs\":null,"
                    + "\"finish_reason\":null}]}",
            "{\"choices\":[{\"delta\":{\"content\":null}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"caf\\u00e9 \\\"q\\\" \\n\\ud83d\\ude00\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":42}}]}",
            "{\"choices\":[{\"delta\":{\"content\":{\"text\":\"no\"}}}]}",
            // content parts (Mistral), with reasoning inside
            "{\"choices\":[{\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Hm.\"}]},"
                    + "{\"type\":\"text\",\"text\":\"Four.\"},\"bare\"]}}]}",
            // reasoning, each provider's way
            "{\"choices\":[{\"delta\":{\"reasoning_content\":\"think\",\"content\":null}}]}",
            "{\"choices\":[{\"delta\":{\"reasoning\":\"think\",\"reasoning_content\":\"\"}}]}",
            "{\"choices\":[{\"delta\":{\"reasoning\":null,\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"a\"},"
                    + "{\"type\":\"reasoning.summary\",\"summary\":\"b\"},{\"type\":\"reasoning.encrypted\",\"data\":\"xyz\"}]}}]}",
            "{\"choices\":[{\"delta\":{\"reasoning_details\":{\"type\":\"reasoning.text\"}}}]}",
            "{\"choices\":[{\"delta\":{\"reasoning_content\":7,\"reasoning\":[\"x\"]}}]}",
            "{\"choices\":[{\"delta\":{\"refusal\":\"I can't\"}}]}",
            "{\"choices\":[{\"delta\":{\"refusal\":false}}]}",
            // tool calls: whole, in fragments, without index, id, name or arguments, odd types
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"Read\",\"arguments\":\"\"}}]}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}}]}",
            WITHOUT_INDEX,
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"Grep\",\"arguments\":{\"p\":\"x\","
                    + "\"n\":[1,2.5,null,true]}}}]}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":null}},{\"index\":2,"
                    + "\"function\":{\"arguments\":[1]}},{\"index\":3,\"function\":\"Read\"},{\"index\":4,\"function\":null}]}}]}",
            INDEXES,
            NOT_OBJECTS,
            "{\"choices\":[{\"delta\":{\"tool_calls\":[]}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":{\"index\":0}}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"g1\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"},"
                    + "\"extra_content\":{\"google\":{\"thought_signature\":\"sig==\"}}},{\"extra_content\":{\"google\":\"s\"}},"
                    + "{\"extra_content\":[1]},{\"extra_content\":{\"google\":{\"thought_signature\":1}}}]}}]}",
            // finish reasons, vLLM's stop_reason, OpenRouter's mid-answer error
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":\"END\"}]}",
            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":151645}]}",
            "{\"choices\":[{\"delta\":{},\"finish_reason\":1}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\",\"error\":{\"code\":502,\"message\":\"boom\"}}]}",
            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"error\",\"error\":\"boom\"}]}",
            // usage: in the last chunk with empty choices, beside a choice, not an object, llama.cpp's timings
            USAGE_LAST,
            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}",
            "{\"choices\":[],\"usage\":null}",
            "{\"choices\":[],\"usage\":[1]}",
            TIMINGS,
            "{\"choices\":[],\"timings\":7}",
            // in-band errors
            "{\"error\":{\"message\":\"rate limited\",\"code\":429}}",
            "{\"error\":\"overloaded\"}",
            "{\"error\":503}",
            "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}",
            "{\"error\":[]}",
            // choices of other shapes: only choices[0] counts, and only an object
            "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"second\"}},{\"index\":0,\"delta\":{\"content\":\"first\"}}]}",
            "{\"choices\":[null,{\"delta\":{\"content\":\"x\"}}]}",
            "{\"choices\":{\"0\":{\"delta\":{\"content\":\"x\"}}}}",
            "{\"choices\":\"x\"}",
            "{\"choices\":null}",
            "{\"choices\":[{\"delta\":\"x\"}]}",
            "{\"choices\":[{\"delta\":[{\"content\":\"x\"}]}]}",
            "{\"choices\":[{\"delta\":null,\"finish_reason\":\"length\"}]}",
            "{}",
            // a field repeated: the last one counts, as in the tree
            "{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":[{\"type\":\"text\",\"text\":\"b\"}]}}]}",
            "{\"choices\":[{\"delta\":{\"content\":[{\"text\":\"b\"}],\"content\":\"a\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"},\"delta\":{\"reasoning\":\"b\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"choices\":[]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"name\":\"A\",\"arguments\":\"{}\"},\"function\":{\"name\":\"B\"}}]}}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":{\"a\":1},\"arguments\":\"{}\"}}]}}]}",
            "{\"error\":{\"message\":\"x\"},\"error\":null,\"usage\":{\"prompt_tokens\":1},\"usage\":2}",
            // unknown fields of every kind, nested
            "{\"x\":{\"y\":[1,{\"z\":null}],\"w\":\"v\"},\"choices\":[{\"delta\":{\"content\":\"ok\",\"x\":[[[]]],\"audio\":{}},"
                    + "\"x\":{\"delta\":1}}],\"service_tier\":\"default\",\"obfuscation\":\"abc\"}",
    };

    @Test
    void reads_every_shape_as_the_tree_did() throws IOException {
        for (String chunk : CHUNKS) {
            assertEquals(fromTree(chunk), ChunkReader.read(chunk), chunk);
        }
    }

    @Test
    void reads_a_text_delta_to_plain_values() throws IOException {
        Chunk chunk = ChunkReader.read(CHUNKS[0]);
        assertEquals(new Chunk(null, null, null, new Chunk.Choice(new Chunk.Delta(null, null, null, "Hi", null, null, null),
                null, null, null)), chunk);
    }

    @Test
    void reads_tool_call_fragments_with_and_without_their_parts() throws IOException {
        List<Chunk.Fragment> fragments = ChunkReader.read(WITHOUT_INDEX).choice().delta().toolCalls();
        assertEquals(List.of(new Chunk.Fragment(null, "x", "X", "{}", null, null),
                new Chunk.Fragment(null, "y", "Y", null, null, null)), fragments);
        List<Chunk.Fragment> indexes = ChunkReader.read(INDEXES).choice().delta().toolCalls();
        assertEquals(List.of(1, -1), indexes.subList(0, 2).stream().map(Chunk.Fragment::index).toList());
        assertNull(indexes.get(2).index(), "3000000000 does not fit an int: the array position is used");
        assertEquals(Chunk.Fragment.NONE, ChunkReader.read(NOT_OBJECTS).choice().delta().toolCalls().getFirst());
    }

    @Test
    void reads_usage_after_the_last_choice_and_timings_beside_it() throws IOException {
        Chunk chunk = ChunkReader.read(TIMINGS);
        assertNull(chunk.choice());
        assertEquals(100, chunk.usage().get("prompt_tokens").intValue());
        assertEquals(60, chunk.usageContainer().path("timings").path("cache_n").intValue());
        assertNull(ChunkReader.read(USAGE_LAST).usageContainer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "1", "\"x\"", "[1]", "[{\"choices\":[]}]", "{} x", "{}{}", "{\"a\":1} {\"a\":2}", "{} ]",
            "{} {", "data: {}", "{\"choices\":[", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "{\"a\":tru}", "{\"x\":[1,2}",
            "{\"choices\":[{\"delta\":{\"content\":\"unterminated}}]}"})
    void rejects_what_the_tree_rejected_not_one_json_object(String data) {
        assertTrue(rejected(() -> fromTree(data)), "the tree took it");
        assertTrue(rejected(() -> ChunkReader.read(data)));
    }

    /** Null (JSON, but not one object) or an IOException (not JSON): the translator fails the stream alike for both. */
    private static boolean rejected(Read read) {
        try {
            return read.chunk() == null;
        } catch (IOException e) {
            return true;
        }
    }

    private interface Read {
        Chunk chunk() throws IOException;
    }

    @Test
    void checks_skipped_fields_as_deeply_as_the_tree_did() throws IOException {
        String deep = "{\"x\":" + "[".repeat(900) + "]".repeat(900) + ",\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}";
        assertEquals(fromTree(deep), ChunkReader.read(deep));
        String tooDeep = "{\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        assertThrows(IOException.class, () -> ProviderJson.MAPPER.readTree(tooDeep));
        assertThrows(IOException.class, () -> ChunkReader.read(tooDeep), "past the parser's nesting limit");
    }

    @Test
    void reads_huge_strings_whole() throws IOException {
        String big = "x\\\"y".repeat(1 << 18); // 1 MiB of text with escapes
        String chunk = "{\"choices\":[{\"delta\":{\"content\":\"" + big + "\",\"tool_calls\":[{\"index\":0,"
                + "\"function\":{\"arguments\":\"" + big + "\"}}]}}],\"ignored\":\"" + big + "\"}";
        Chunk read = ChunkReader.read(chunk);
        assertEquals(fromTree(chunk), read);
        assertEquals(3 << 18, read.choice().delta().content().length());
    }

    // The tree reading the translator did before, field by field (ChunkTranslator, ToolCallAccumulator, Reasoning).

    private static Chunk fromTree(String data) throws IOException {
        JsonNode chunk = ProviderJson.MAPPER.readTree(data);
        if (chunk == null || !chunk.isObject()) {
            return null;
        }
        JsonNode error = chunk.get("error");
        JsonNode choice = chunk.path("choices").path(0);
        return new Chunk(error == null || error.isNull() ? null : error, object(chunk.get("usage")),
                object(chunk.get("timings")), choice.isObject() ? choice(choice) : null);
    }

    private static Chunk.Choice choice(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        return new Chunk.Choice(delta.isObject() ? delta(delta) : Chunk.Delta.EMPTY, ProviderJson.text(choice, "finish_reason"),
                ProviderJson.text(choice, "stop_reason"), object(choice.get("error")));
    }

    private static Chunk.Delta delta(JsonNode delta) {
        JsonNode content = delta.get("content");
        JsonNode details = delta.get("reasoning_details");
        JsonNode calls = delta.get("tool_calls");
        List<Chunk.Fragment> fragments = null;
        if (calls != null && calls.isArray()) {
            fragments = new ArrayList<>();
            for (JsonNode fragment : calls) {
                fragments.add(fragment(fragment));
            }
        }
        return new Chunk.Delta(ProviderJson.text(delta, "reasoning_content"), ProviderJson.text(delta, "reasoning"),
                details != null && details.isArray() ? details : null,
                content != null && content.isTextual() ? content.textValue() : null,
                content != null && content.isArray() ? content : null, ProviderJson.text(delta, "refusal"), fragments);
    }

    private static Chunk.Fragment fragment(JsonNode fragment) {
        JsonNode index = fragment.get("index");
        JsonNode function = fragment.path("function");
        JsonNode args = function.get("arguments");
        return new Chunk.Fragment(index != null && index.canConvertToInt() ? index.intValue() : null,
                ProviderJson.text(fragment, "id"), ProviderJson.text(function, "name"),
                args != null && args.isTextual() ? args.textValue() : null, object(args),
                ProviderJson.text(fragment.path("extra_content").path("google"), "thought_signature"));
    }

    private static JsonNode object(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }
}
