package dev.claudia.router.application;

import dev.claudia.router.application.RoutingRule.Condition;
import dev.claudia.router.domain.message.ClientMetadata;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.message.Sampling;
import dev.claudia.router.domain.message.ThinkingConfig;
import dev.claudia.router.domain.message.ToolDefinition;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.domain.routing.RetryPolicy;
import dev.claudia.router.domain.routing.Route;
import dev.claudia.router.domain.routing.RoutePlan;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoutingRulesTest {

    private static Route route(String profile) {
        return new Route(profile, profile, "b", profile + "-model", RetryPolicy.of(1, 0), RawJson.EMPTY_OBJECT,
                Capabilities.DEFAULT);
    }

    private final AtomicInteger counted = new AtomicInteger();

    private ConfiguredRoutes routes(List<RoutingRule> rules) {
        Map<String, ConfiguredRoutes.Entry> table = new LinkedHashMap<>();
        for (String p : List.of("main", "small", "long", "search", "think", "agent")) {
            table.put(p, new ConfiguredRoutes.Entry("modelProfiles", List.of(route(p)), p));
        }
        return new ConfiguredRoutes(table, route("default"), rules);
    }

    private RoutePlan plan(ConfiguredRoutes routes, MessageRequest request, int tokens) {
        return routes.planFor(request, () -> {
            counted.incrementAndGet();
            return tokens;
        });
    }

    private static MessageRequest request(String model, List<ContentBlock.Text> system, List<ToolDefinition> tools,
                                          ThinkingConfig thinking) {
        return new MessageRequest(model, system, List.of(Message.user("hi")), tools, null, 100, Sampling.DEFAULT, List.of(),
                null, thinking, null, null, true, Set.of());
    }

    private final List<RoutingRule> claudeCodeRules = List.of(
            new RoutingRule("background", new Condition.ModelMatches(Pattern.compile("haiku", Pattern.CASE_INSENSITIVE)), "small"),
            new RoutingRule("web-search", new Condition.WebSearch(), "search"),
            new RoutingRule("subagent", new Condition.Subagent(), "agent"),
            new RoutingRule("long-context", new Condition.MinInputTokens(60_000), "long"),
            new RoutingRule("thinking", new Condition.Thinking(), "think"));

    @Test
    void each_scenario_goes_to_its_profile_and_the_log_names_the_rule() {
        ConfiguredRoutes routes = routes(claudeCodeRules);
        MessageRequest background = request("claude-3-haiku-latest", List.of(), List.of(), ThinkingConfig.UNSPECIFIED);
        RoutePlan plan = plan(routes, background, 10);
        assertEquals("rule:background", plan.rule());
        assertEquals("small-model", plan.primary().providerModel());
        assertEquals("claude-3-haiku-latest", plan.primary().alias(), "the caller's name is still echoed");

        MessageRequest search = request("main", List.of(), List.of(new ToolDefinition.Server("web_search_20250305", "web_search")),
                ThinkingConfig.UNSPECIFIED);
        assertEquals("rule:web-search", plan(routes, search, 10).rule());

        MessageRequest agent = request("main", List.of(new ContentBlock.Text("You are an agent for Claude Code, Anthropic's "
                + "official CLI for Claude.")), List.of(), new ThinkingConfig.Adaptive());
        assertEquals("rule:subagent", plan(routes, agent, 10).rule());

        MessageRequest longOne = request("main", List.of(), List.of(), new ThinkingConfig.Adaptive());
        assertEquals("rule:long-context", plan(routes, longOne, 70_000).rule());
        assertEquals("rule:thinking", plan(routes, longOne, 1_000).rule());

        MessageRequest plain = request("main", List.of(), List.of(), ThinkingConfig.UNSPECIFIED);
        assertEquals("modelProfiles", plan(routes, plain, 10).rule());
    }

    @Test
    void claude_codes_agent_header_decides_the_subagent_rule_whatever_the_system_prompt_says() {
        ConfiguredRoutes routes = routes(claudeCodeRules);
        MessageRequest byHeader = request("main", List.of(new ContentBlock.Text("A custom agent prompt.")), List.of(),
                ThinkingConfig.UNSPECIFIED).withClient(new ClientMetadata("session-1", "a2c13816505b5049a", null));
        assertEquals("rule:subagent", plan(routes, byHeader, 10).rule());

        MessageRequest mainLoop = request("main", List.of(new ContentBlock.Text("A custom agent prompt.")), List.of(),
                ThinkingConfig.UNSPECIFIED).withClient(new ClientMetadata("session-1", null, null));
        assertEquals("modelProfiles", plan(routes, mainLoop, 10).rule(), "same session, no agent header: the main loop");
    }

    @Test
    void counts_tokens_only_when_a_rule_needs_them() {
        ConfiguredRoutes noTokenRules = routes(List.of(new RoutingRule("thinking", new Condition.Thinking(), "think")));
        plan(noTokenRules, request("main", List.of(), List.of(), new ThinkingConfig.Adaptive()), 5);
        assertEquals(0, counted.get());
    }

    @Test
    void a_rule_with_several_conditions_needs_all_of_them() {
        ConfiguredRoutes routes = routes(List.of(new RoutingRule("long-thinking", new Condition.AllOf(List.of(
                new Condition.Thinking(), new Condition.MinInputTokens(100))), "long")));
        assertEquals("modelProfiles", plan(routes, request("main", List.of(), List.of(), new ThinkingConfig.Adaptive()), 50).rule());
        assertEquals("rule:long-thinking", plan(routes, request("main", List.of(), List.of(), new ThinkingConfig.Adaptive()), 500).rule());
        assertEquals("modelProfiles", plan(routes, request("main", List.of(), List.of(), ThinkingConfig.UNSPECIFIED), 500).rule());
    }

    @Test
    void another_name_of_a_profile_routes_like_it_is_echoed_and_is_not_listed() {
        Map<String, ConfiguredRoutes.Entry> table = new LinkedHashMap<>();
        table.put("main", new ConfiguredRoutes.Entry("modelProfiles", List.of(route("main"), route("think")), "main display"));
        table.put("small", new ConfiguredRoutes.Entry("modelProfiles", List.of(route("small")), "small display"));
        ConfiguredRoutes routes = new ConfiguredRoutes(table, Map.of("claude-3-5-sonnet-old", "main", "claude-3-haiku-old", "small"),
                route("default"), List.of(new RoutingRule("thinking", new Condition.Thinking(), "claude-3-haiku-old")));

        RoutePlan old = plan(routes, request("claude-3-5-sonnet-old", List.of(), List.of(), ThinkingConfig.UNSPECIFIED), 10);
        assertEquals("modelProfiles", old.rule());
        assertEquals(List.of("main-model", "think-model"), old.routes().stream().map(Route::providerModel).toList(),
                "the profile's route and its fallbacks");
        assertEquals("claude-3-5-sonnet-old", old.primary().alias(), "answers echo the name the caller used");
        assertEquals("rule:thinking", plan(routes, request("main", List.of(), List.of(), new ThinkingConfig.Adaptive()), 10).rule());
        assertEquals("small-model", plan(routes, request("main", List.of(), List.of(), new ThinkingConfig.Adaptive()), 10)
                .primary().providerModel(), "a rule may name an alias");

        assertEquals(List.of("main", "small"), routes.models().stream().map(m -> m.id()).toList(), "aliases are not listed");
        assertEquals("main", routes.model("claude-3-5-sonnet-old").orElseThrow().id());
        assertEquals("small", routes.model("small").orElseThrow().id());
        assertEquals(java.util.Optional.empty(), routes.model("nope"));
        assertEquals("defaultBackend", plan(routes, request("nope", List.of(), List.of(), ThinkingConfig.UNSPECIFIED), 10).rule());
    }

    @Test
    void an_alias_must_name_a_known_entry_and_must_not_shadow_one() {
        Map<String, ConfiguredRoutes.Entry> table = Map.of("main",
                new ConfiguredRoutes.Entry("modelProfiles", List.of(route("main")), "main"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ConfiguredRoutes(table, Map.of("old", "gone"), route("default"), List.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ConfiguredRoutes(table, Map.of("main", "main"), route("default"), List.of()));
    }
}
