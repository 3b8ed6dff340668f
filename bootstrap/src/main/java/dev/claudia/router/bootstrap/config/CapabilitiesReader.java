package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.domain.routing.Capabilities;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads {@code modelProfiles.<alias>.capabilities}. The router itself decides on two keys:
 * {@code streaming} (true, false or "only"), and {@code maxOutputTokens}, the legacy place of the
 * profile's output limit (read by {@link LimitsReader} into the profile's limits, with a
 * deprecation warning). Every other key is the adapter's business (it used to hold the OpenAI
 * adapter's knobs: {@code reasoning}, {@code systemMessages}, {@code streamUsage},
 * {@code splitThinkTags}); those are handed to the backend's adapter as profile options, so configs
 * written before options existed keep working.
 */
final class CapabilitiesReader {

    static final Set<String> DOMAIN_KEYS = Set.of("streaming", "maxOutputTokens");

    /** The domain's part, and the rest for the adapter. */
    record Read(Capabilities capabilities, ObjectNode forAdapter) {}

    private final String path;
    private final BiConsumer<String, String> problem;

    CapabilitiesReader(String path, BiConsumer<String, String> problem) {
        this.path = path;
        this.problem = problem;
    }

    Read read(JsonNode node) {
        ObjectNode rest = JsonNodeFactory.instance.objectNode();
        Capabilities d = Capabilities.DEFAULT;
        if (node == null || node.isNull()) {
            return new Read(d, rest);
        }
        if (!node.isObject()) {
            problem.accept(path, "must be an object");
            return new Read(d, rest);
        }
        node.properties().forEach(e -> {
            if (!DOMAIN_KEYS.contains(e.getKey())) {
                rest.set(e.getKey(), e.getValue());
            }
        });
        return new Read(new Capabilities(streaming(node.get("streaming"), d.streaming())), rest);
    }

    private Capabilities.Streaming streaming(JsonNode value, Capabilities.Streaming absent) {
        if (value == null) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? Capabilities.Streaming.BOTH : Capabilities.Streaming.NEVER;
        }
        if (value.isTextual() && value.textValue().equals("only")) {
            return Capabilities.Streaming.ONLY;
        }
        problem.accept(path + ".streaming", "must be true, false or \"only\"");
        return absent;
    }
}
