package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads {@code modelProfiles.<name>.aliases}: other names a profile answers to, so that a profile can
 * be renamed (Claude Code treats a name like {@code claude-3-5-sonnet-glm} as the retired Claude 3.5
 * Sonnet) while clients and Claude Code settings that still send the old name keep working. A name
 * must mean one thing only: an alias that is also a profile, a {@code modelMap} entry or another
 * alias is a problem at its JSON path (docs/configuration.md).
 */
final class AliasesReader {

    private final BiConsumer<String, String> problem;

    AliasesReader(BiConsumer<String, String> problem) {
        this.problem = problem;
    }

    /** The aliases listed at {@code path} (absent: none); bad entries are reported and left out. */
    List<String> read(JsonNode node, String path) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            problem.accept(path, "must be an array of model names (other names this profile answers to)");
            return names;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            if (!name.isTextual() || name.textValue().isBlank()) {
                problem.accept(path + "." + i, "must be a non-empty string");
            } else {
                names.add(name.textValue());
            }
        }
        return names;
    }

    /**
     * Reports every alias that is not a new name: a profile's own name or another profile's, a
     * {@code modelMap} entry, or an alias listed before. Returns the aliases that are new, to their profile.
     */
    Map<String, String> check(Map<String, List<String>> aliasesByProfile, Iterable<String> modelMapNames) {
        Map<String, String> owner = new LinkedHashMap<>();
        Map<String, String> firstPath = new LinkedHashMap<>();
        List<String> mapped = new ArrayList<>();
        modelMapNames.forEach(mapped::add);
        aliasesByProfile.forEach((profile, aliases) -> {
            for (int i = 0; i < aliases.size(); i++) {
                String alias = aliases.get(i);
                String path = "modelProfiles." + profile + ".aliases." + i;
                if (alias.equals(profile)) {
                    problem.accept(path, "'" + alias + "' is this profile's own name");
                } else if (aliasesByProfile.containsKey(alias)) {
                    problem.accept(path, "'" + alias + "' is already a profile (modelProfiles." + alias
                            + "); a name may route one way only");
                } else if (mapped.contains(alias)) {
                    problem.accept(path, "'" + alias + "' is also in modelMap (modelMap." + alias
                            + "); a name may route one way only");
                } else if (owner.containsKey(alias)) {
                    problem.accept(path, "'" + alias + "' is already listed at " + firstPath.get(alias));
                } else {
                    owner.put(alias, profile);
                    firstPath.put(alias, path);
                }
            }
        });
        return owner;
    }
}
