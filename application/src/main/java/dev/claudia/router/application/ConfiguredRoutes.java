package dev.claudia.router.application;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.routing.ModelInfo;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The routing table built from config.json: a model name maps to its profile's routes (the
 * profile's own, then its fallbacks), a legacy {@code modelMap} entry, or, for any other name, the
 * default backend with its default model. Profiles win over modelMap entries of the same name;
 * that precedence is applied when the table is built, so lookups are one map access. A profile's
 * other names ({@code aliases}) route exactly as its own name does, but are not listed: a client
 * that lists models (Claude Code's model picker) is offered each model once, under its own name.
 */
public final class ConfiguredRoutes implements ModelRoutes {

    /**
     * What one model name routes to.
     *
     * @param source      where it came from, logged as the routing rule ({@code modelProfiles} or {@code modelMap})
     * @param routes      the route and its fallbacks, in order
     * @param displayName what {@code GET /v1/models} shows
     */
    public record Entry(String source, List<Route> routes, String displayName) {
        public Entry {
            Objects.requireNonNull(source, "source");
            routes = List.copyOf(routes);
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("an entry needs a route");
            }
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    private final Map<String, Entry> byModel;
    private final Map<String, String> aliases;
    private final Route defaultRoute;
    private final List<RoutingRule> rules;
    private final List<ModelInfo> models;

    /** {@code byModel} keeps its iteration order for the models list. */
    public ConfiguredRoutes(Map<String, Entry> byModel, Route defaultRoute) {
        this(byModel, defaultRoute, List.of());
    }

    /** With scenario rules, tried in order before the model name decides; each names a key of {@code byModel}. */
    public ConfiguredRoutes(Map<String, Entry> byModel, Route defaultRoute, List<RoutingRule> rules) {
        this(byModel, Map.of(), defaultRoute, rules);
    }

    /**
     * @param aliases other names of entries: alias to a key of {@code byModel} (an alias is never a key itself);
     *                rules may name an alias too
     */
    public ConfiguredRoutes(Map<String, Entry> byModel, Map<String, String> aliases, Route defaultRoute,
                            List<RoutingRule> rules) {
        this.byModel = new LinkedHashMap<>(byModel);
        this.aliases = Map.copyOf(aliases);
        this.defaultRoute = Objects.requireNonNull(defaultRoute, "defaultRoute");
        this.rules = List.copyOf(rules);
        this.aliases.forEach((alias, target) -> {
            if (byModel.containsKey(alias) || !byModel.containsKey(target)) {
                throw new IllegalArgumentException("alias " + alias + " must be a new name of a known entry, not of " + target);
            }
        });
        for (RoutingRule rule : rules) {
            if (entry(rule.profile()) == null) {
                throw new IllegalArgumentException("routing rule " + rule.name() + " names unknown profile " + rule.profile());
            }
        }
        List<ModelInfo> list = new ArrayList<>();
        byModel.forEach((name, entry) -> list.add(new ModelInfo(name, entry.displayName(), entry.routes().getFirst().limits())));
        this.models = List.copyOf(list);
    }

    /**
     * The first matching rule's profile, else the requested name's entry, else the default
     * backend. The caller's model name is kept on every route: responses echo it.
     */
    @Override
    public RoutePlan planFor(MessageRequest request, IntSupplier promptTokens) {
        String model = request.model();
        for (RoutingRule rule : rules) {
            if (rule.when().matches(request, promptTokens)) {
                return plan("rule:" + rule.name(), entry(rule.profile()), model);
            }
        }
        Entry entry = entry(model);
        if (entry == null) {
            return new RoutePlan("defaultBackend", List.of(defaultRoute.forAlias(model)));
        }
        return plan(entry.source(), entry, model);
    }

    private static RoutePlan plan(String rule, Entry entry, String model) {
        List<Route> routes = new ArrayList<>(entry.routes().size());
        for (Route route : entry.routes()) {
            routes.add(route.forAlias(model));
        }
        return new RoutePlan(rule, routes);
    }

    /** A name's entry, or its alias target's; null for names the table does not know. */
    private Entry entry(String name) {
        Entry entry = byModel.get(name);
        if (entry == null && aliases.containsKey(name)) {
            entry = byModel.get(aliases.get(name));
        }
        return entry;
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    @Override
    public Optional<ModelInfo> model(String name) {
        String id = aliases.getOrDefault(name, name);
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
