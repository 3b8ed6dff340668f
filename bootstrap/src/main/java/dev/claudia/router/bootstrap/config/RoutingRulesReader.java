package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudia.router.application.RoutingRule;
import dev.claudia.router.application.RoutingRule.Condition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code routingRules}: a list of {@code {"name", "when": {...}, "profile"}}. The keys of
 * {@code when} (all must hold): {@code model} (regex on the requested model name),
 * {@code thinking} (true), {@code minInputTokens} (n), {@code webSearch} (true),
 * {@code systemPrompt} (regex on the system prompt), {@code subagent} (true).
 */
final class RoutingRulesReader {

    private final BiConsumer<String, String> problem;

    RoutingRulesReader(BiConsumer<String, String> problem) {
        this.problem = problem;
    }

    List<RoutingRule> read(JsonNode node, Map<String, RouterConfig.Profile> profiles,
                           Map<String, RouterConfig.Mapping> modelMap) {
        List<RoutingRule> rules = new ArrayList<>();
        if (node == null || node.isNull()) {
            return rules;
        }
        if (!node.isArray()) {
            problem.accept("routingRules", "must be an array of {\"name\", \"when\", \"profile\"}");
            return rules;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "routingRules." + i;
            JsonNode rule = node.get(i);
            if (!rule.isObject()) {
                problem.accept(path, "must be an object");
                continue;
            }
            String name = rule.path("name").isTextual() ? rule.get("name").textValue() : null;
            if (name == null || name.isBlank()) {
                problem.accept(path + ".name", "required");
            } else if (!names.add(name)) {
                problem.accept(path + ".name", "duplicate rule name '" + name + "'");
            }
            String profile = rule.path("profile").isTextual() ? rule.get("profile").textValue() : null;
            if (profile == null) {
                problem.accept(path + ".profile", "required");
            } else if (!profiles.containsKey(profile) && !modelMap.containsKey(profile)) {
                problem.accept(path + ".profile", "unknown profile '" + profile + "' (known: "
                        + String.join(", ", profiles.keySet()) + ")");
            }
            Condition when = when(rule.get("when"), path + ".when");
            if (name != null && profile != null && when != null) {
                rules.add(new RoutingRule(name, when, profile));
            }
        }
        return rules;
    }

    private Condition when(JsonNode when, String path) {
        if (when == null || !when.isObject() || when.isEmpty()) {
            problem.accept(path, "required: an object with at least one of model, thinking, minInputTokens, webSearch, "
                    + "systemPrompt, subagent");
            return null;
        }
        List<Condition> all = new ArrayList<>();
        when.fields().forEachRemaining(e -> {
            String key = path + "." + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "model" -> regex(v, key).ifPresent(p -> all.add(new Condition.ModelMatches(p)));
                case "systemPrompt" -> regex(v, key).ifPresent(p -> all.add(new Condition.SystemMatches(p)));
                case "thinking" -> flag(v, key, all, new Condition.Thinking());
                case "webSearch" -> flag(v, key, all, new Condition.WebSearch());
                case "subagent" -> flag(v, key, all, new Condition.Subagent());
                case "minInputTokens" -> {
                    if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() > 0) {
                        all.add(new Condition.MinInputTokens(v.intValue()));
                    } else {
                        problem.accept(key, "must be a positive integer");
                    }
                }
                default -> problem.accept(key, "unknown condition (known: model, thinking, minInputTokens, webSearch, "
                        + "systemPrompt, subagent)");
            }
        });
        return all.size() == 1 ? all.getFirst() : new Condition.AllOf(all);
    }

    private java.util.Optional<Pattern> regex(JsonNode v, String key) {
        if (!v.isTextual() || v.textValue().isEmpty()) {
            problem.accept(key, "must be a regular expression string");
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Pattern.compile(v.textValue(), Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            problem.accept(key, "not a valid regular expression: " + e.getDescription());
            return java.util.Optional.empty();
        }
    }

    private void flag(JsonNode v, String key, List<Condition> all, Condition condition) {
        if (v.isBoolean() && v.booleanValue()) {
            all.add(condition);
        } else {
            problem.accept(key, "must be true (leave the key out to not test it)");
        }
    }
}
