package dev.claudia.router.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.provider.spi.OptionProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an adapter's options object key by key, collecting every problem with its path instead of
 * stopping at the first, which is what {@code ProviderFactory.validate} must report. Each getter
 * returns the value, or {@code absent} when the key is missing or wrong (the problem is recorded);
 * {@link #problems()} adds every key no getter asked for as unknown. One reader per object; not
 * thread-safe.
 */
public final class OptionsReader {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<OptionProblem> problems = new ArrayList<>();

    private OptionsReader(JsonNode node) {
        this.node = node;
    }

    public static OptionsReader of(RawJson options) {
        JsonNode node;
        try {
            node = JSON.readTree(options.text());
        } catch (IOException e) {
            node = null;
        }
        OptionsReader reader = new OptionsReader(node != null && node.isObject() ? node : JSON.createObjectNode());
        if (node == null || !node.isObject()) {
            reader.problems.add(OptionProblem.invalid("", "must be a JSON object"));
        }
        return reader;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public boolean bool(String key, boolean absent) {
        JsonNode value = value(key);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            return invalid(key, "must be true or false", absent);
        }
        return value.booleanValue();
    }

    public String text(String key, String absent) {
        JsonNode value = value(key);
        if (value == null) {
            return absent;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            return invalid(key, "must be a non-empty string", absent);
        }
        return value.textValue();
    }

    /** One of {@code choices}' keys (in the order given, for the message); the value it maps to. */
    public <T> T choice(String key, Map<String, T> choices, T absent) {
        JsonNode value = value(key);
        if (value == null) {
            return absent;
        }
        if (value.isTextual() && choices.containsKey(value.textValue())) {
            return choices.get(value.textValue());
        }
        StringBuilder options = new StringBuilder();
        choices.keySet().forEach(c -> options.append(options.isEmpty() ? "" : ", ").append('"').append(c).append('"'));
        return invalid(key, "must be one of " + options, absent);
    }

    /** An array of non-empty strings; problems name the bad element ({@code key.2}). */
    public List<String> texts(String key) {
        JsonNode value = value(key);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            return invalid(key, "must be an array of strings", out);
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual() && !item.textValue().isBlank()) {
                out.add(item.textValue());
            } else {
                problems.add(OptionProblem.invalid(key + "." + i, "must be a non-empty string"));
            }
        }
        return out;
    }

    /** Every problem so far, then every key nothing asked for. Call once, after reading all keys. */
    public List<OptionProblem> problems() {
        List<OptionProblem> all = new ArrayList<>(problems);
        node.fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                all.add(OptionProblem.unknown(name));
            }
        });
        return all;
    }

    private JsonNode value(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T invalid(String key, String message, T absent) {
        problems.add(OptionProblem.invalid(key, message));
        return absent;
    }
}
