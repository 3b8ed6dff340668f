package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.domain.routing.Capabilities;

import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads {@code modelProfiles.<alias>.capabilities}. Keys: {@code streaming} (true, false or
 * "only"), {@code reasoning} ("none", "effort", "chat_template_kwargs", "openrouter",
 * "thinking_type"), {@code systemMessages} ("inline", "hoist", "user"), {@code streamUsage},
 * {@code splitThinkTags}; {@code maxOutputTokens} is the legacy place of the profile's output limit,
 * read by {@link ConfigReader} into the profile's limits. Other keys (the original tool had free-form
 * capability notes) are kept as warnings, not errors.
 */
final class CapabilitiesReader {

    private static final Set<String> KEYS = Set.of("streaming", "reasoning", "systemMessages", "streamUsage",
            "maxOutputTokens", "splitThinkTags");

    private final String path;
    private final BiConsumer<String, String> problem;
    private final BiConsumer<String, String> warning;

    CapabilitiesReader(String path, BiConsumer<String, String> problem, BiConsumer<String, String> warning) {
        this.path = path;
        this.problem = problem;
        this.warning = warning;
    }

    Capabilities read(JsonNode node) {
        Capabilities d = Capabilities.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            problem.accept(path, "must be an object");
            return d;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                warning.accept(path + "." + name, "unknown capability, ignored");
            }
        });
        return new Capabilities(
                streaming(node.get("streaming"), d.streaming()),
                choice(node.get("reasoning"), "reasoning", Capabilities.ReasoningStyle.class, d.reasoning()),
                systemMessages(node.get("systemMessages"), d.systemMessages()),
                bool(node.get("streamUsage"), "streamUsage", d.streamUsage()),
                bool(node.get("splitThinkTags"), "splitThinkTags", d.splitThinkTags()));
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

    private Capabilities.SystemMessages systemMessages(JsonNode value, Capabilities.SystemMessages absent) {
        if (value == null) {
            return absent;
        }
        return switch (value.isTextual() ? value.textValue() : "") {
            case "inline" -> Capabilities.SystemMessages.INLINE;
            case "hoist" -> Capabilities.SystemMessages.HOIST;
            case "user" -> Capabilities.SystemMessages.USER_REMINDER;
            default -> {
                problem.accept(path + ".systemMessages", "must be one of \"inline\", \"hoist\", \"user\"");
                yield absent;
            }
        };
    }

    private <E extends Enum<E>> E choice(JsonNode value, String key, Class<E> type, E absent) {
        if (value == null) {
            return absent;
        }
        if (value.isTextual()) {
            for (E option : type.getEnumConstants()) {
                if (option.name().toLowerCase(Locale.ROOT).equals(value.textValue())) {
                    return option;
                }
            }
        }
        StringBuilder options = new StringBuilder();
        for (E option : type.getEnumConstants()) {
            options.append(options.isEmpty() ? "" : ", ").append('"').append(option.name().toLowerCase(Locale.ROOT)).append('"');
        }
        problem.accept(path + "." + key, "must be one of " + options);
        return absent;
    }

    private boolean bool(JsonNode value, String key, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            problem.accept(path + "." + key, "must be true or false");
            return absent;
        }
        return value.booleanValue();
    }
}
