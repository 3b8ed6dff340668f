package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.domain.routing.ModelLimits;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What {@code claudia claude} tells Claude Code: where the router is, which model names to send, and
 * what those models can do, in the CLI's own settings. Measured with Claude Code 2.1.332 and 2.1.197
 * (docs/claude-code.md#model-names): a {@code claude-} name it does not know gets its full current
 * behaviour (thinking, effort, the current tool set with ToolSearch) and takes its window and output
 * limit from these variables, while a name that looks like one of Anthropic's models gets that model's
 * behaviour, however old, and ignores the window variable.
 */
final class ClaudeEnvironment {

    /** The shipped small model for background work, and the name it had before (kept for older configs). */
    static final List<String> SMALL_MODELS = List.of("claude-nemotron-nano-9b", "claude-3-haiku-latest");

    /**
     * The smallest declared window a main model may have. Claude Code's first request alone (system
     * prompt and tool definitions) counts about 12k tokens in an empty project, and 2.1.332 refuses a
     * window under about 26k ("Prompt is too long") before sending anything, once it reserves room
     * for its answer; a project's CLAUDE.md and MCP tools add to it.
     */
    static final int MIN_WINDOW = 32_768;

    /** Names Claude Code takes for one of Anthropic's own models (claude-3-5-sonnet-*, claude-opus-4-1...). */
    private static final Pattern ANTHROPIC_NAME =
            Pattern.compile("claude-(\\d|opus|sonnet|haiku|instant|fable|mythos).*", Pattern.CASE_INSENSITIVE);

    /** The names Claude Code is given: each a profile's own name where the user named a profile by an alias. */
    record Models(String main, String small) {}

    private ClaudeEnvironment() {}

    /**
     * Resolves the requested names. An alias becomes its profile's own name, so that Claude Code sees a
     * name it treats right; the request still reaches the same profile. Notes go to {@code notes}.
     */
    static Models choose(RouterConfig config, String requested, String smallRequested, Consumer<String> notes) {
        String main = ownName(config, requested, notes);
        if (!config.knows(main)) {
            notes.accept("note: '" + main + "' is not in " + config.source() + "; it goes to the default backend "
                    + config.defaultBackend());
        } else if (ANTHROPIC_NAME.matcher(main).matches()) {
            notes.accept("note: Claude Code takes '" + main + "' for one of Anthropic's own models and uses that model's "
                    + "window, output limit and features (for a retired one: no thinking, older tools); name the profile "
                    + "claude-<model> instead and keep '" + main + "' in its aliases (docs/claude-code.md#model-names)");
        }
        String small = smallRequested != null ? ownName(config, smallRequested, notes)
                : SMALL_MODELS.stream().filter(config::knows).findFirst().map(n -> ownName(config, n, n2 -> { }))
                .orElse(main);
        return new Models(main, small);
    }

    private static String ownName(RouterConfig config, String name, Consumer<String> notes) {
        String own = config.profile(name).map(RouterConfig.Profile::alias).orElse(name);
        if (!own.equals(name)) {
            notes.accept("'" + name + "' is another name of profile '" + own + "'; Claude Code is given '" + own + "'");
        }
        return own;
    }

    /** Why the main model cannot run Claude Code, if it cannot: a declared window too small for its prompts. */
    static Optional<String> refusal(RouterConfig config, String main) {
        ModelLimits limits = limitsOf(config, main);
        if (!limits.declaresWindow() || limits.contextWindow() >= MIN_WINDOW) {
            return Optional.empty();
        }
        return Optional.of("profile '" + main + "' declares a context window of " + limits.contextWindow()
                + " tokens, too small for Claude Code: its first request alone (system prompt and tools) is about 12000 "
                + "tokens and it needs room to answer and to compact. Use a model with a window of at least " + MIN_WINDOW
                + " (for example --profile smoke), or set contextWindow to what the provider really serves.");
    }

    /**
     * The router and the model names, in every slot Claude Code has (its /model picker shows one row per
     * slot, each labelled with the provider model behind it). The token is {@code env}'s
     * {@code CLAUDIA_AUTH_TOKEN}. {@code CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP}: both CLIs otherwise rewrite
     * some older Anthropic names before sending them ({@code claude-opus-4-1} went out as {@code claude-opus-4-8}
     * and {@code claude-opus-5-5}), and the request would miss the profile the user chose.
     */
    static Map<String, String> models(URI base, RouterConfig config, Models models, Environment env) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ANTHROPIC_BASE_URL", base.toString());
        vars.put("ANTHROPIC_AUTH_TOKEN", env.get("CLAUDIA_AUTH_TOKEN").orElseThrow());
        vars.put("ANTHROPIC_MODEL", models.main());
        String main = describe(config, models.main());
        for (String slot : List.of("OPUS", "SONNET", "FABLE")) {
            vars.put("ANTHROPIC_DEFAULT_" + slot + "_MODEL", models.main());
            vars.put("ANTHROPIC_DEFAULT_" + slot + "_MODEL_DESCRIPTION", main);
        }
        vars.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", models.small());
        vars.put("ANTHROPIC_DEFAULT_HAIKU_MODEL_DESCRIPTION", describe(config, models.small()));
        vars.put("CLAUDE_CODE_SUBAGENT_MODEL", models.main());
        vars.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        vars.put("CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP", "1");
        return vars;
    }

    /** The provider model behind a name, as the picker's row subtitle. */
    static String describe(RouterConfig config, String name) {
        Optional<RouterConfig.Profile> profile = config.profile(name);
        if (profile.isPresent()) {
            return profile.get().providerModel() + " on " + profile.get().backend() + ", through Claudia Router";
        }
        RouterConfig.Mapping mapping = config.modelMap().get(name);
        if (mapping != null) {
            return mapping.model() + " on " + mapping.backend() + ", through Claudia Router";
        }
        return config.backends().get(config.defaultBackend()).defaultModel() + " on " + config.defaultBackend()
                + " (the default route), through Claudia Router";
    }

    /**
     * The main model's declared limits: {@code CLAUDE_CODE_MAX_CONTEXT_TOKENS} is the window of a name
     * Claude Code does not know (2.1.332; without it, it assumes 1M and says so), {@code
     * CLAUDE_CODE_AUTO_COMPACT_WINDOW} arms compaction there in both versions, {@code
     * CLAUDE_CODE_MAX_OUTPUT_TOKENS} is what it asks for per answer, and {@code CLAUDE_CODE_DISABLE_1M_CONTEXT}
     * keeps its picker's "Default" row from offering the model with a 1M window it does not have.
     * Nothing for undeclared limits.
     */
    static Map<String, String> limits(ModelLimits limits) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (limits.declaresWindow()) {
            vars.put("CLAUDE_CODE_MAX_CONTEXT_TOKENS", Integer.toString(limits.contextWindow()));
            vars.put("CLAUDE_CODE_AUTO_COMPACT_WINDOW", Integer.toString(limits.contextWindow()));
            if (limits.contextWindow() < 1_000_000) {
                vars.put("CLAUDE_CODE_DISABLE_1M_CONTEXT", "1");
            }
        }
        if (limits.declaresMaxOutput()) {
            vars.put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", Integer.toString(limits.maxOutputTokens()));
        }
        return vars;
    }

    static ModelLimits limitsOf(RouterConfig config, String name) {
        return config.profile(name).map(RouterConfig.Profile::limits).orElse(ModelLimits.UNDECLARED);
    }
}
