package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.bootstrap.Logs;
import dev.claudia.router.bootstrap.ServerOptions;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;
import dev.claudia.router.domain.routing.ModelLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code claudia claude}: runs the installed Claude Code CLI on a model of config.json. It uses the
 * router listening on the configured port when that router proves it holds a client key known here,
 * or else starts one inside this process for the session, with a random token ({@link LauncherTrust});
 * points Claude Code at it through environment variables; and passes every other argument to
 * {@code claude} untouched.
 */
@Command(name = "claude",
        description = {"Run Claude Code through the router.",
            "Options before the first Claude Code argument are claudia's; everything from there on goes to claude as is.",
            "Example: claudia claude --profile glm -p \"explain this repo\""})
public final class ClaudeCommand implements Callable<Integer> {

    /** Profile shortcuts, as in the original tool. */
    static final Map<String, String> PROFILES = Map.of(
            "fast", "claude-3-5-sonnet-latest",
            "glm", "claude-3-5-sonnet-glm",
            "qwen", "claude-3-5-sonnet-qwen",
            "smoke", "claude-3-haiku-latest");
    static final String SMALL_MODEL = "claude-3-haiku-latest";

    @Option(names = "--profile", paramLabel = "NAME", description = "fast (default), glm, qwen or smoke")
    String profile;

    @Option(names = "--model", paramLabel = "ALIAS", description = "any model name of config.json (wins over --profile)")
    String model;

    @Option(names = "--small-model", paramLabel = "ALIAS",
            description = "model for Claude Code's background work (default: claude-3-haiku-latest if configured, else the main model)")
    String smallModel;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config.json (default: $CLAUDIA_CONFIG, else ~/.claudia/config.json, else the checkout's; never ./config.json)")
    Path config;

    @Option(names = "--help-claudia", usageHelp = true, description = "show this help (--help goes to claude)")
    boolean help;

    @Unmatched
    List<String> claudeArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // Claude Code runs in arbitrary repositories: nothing in the working directory is read (LauncherTrust).
        Path home = Path.of(System.getProperty("user.home"));
        Path checkout = Optional.ofNullable(System.getenv("CLAUDIA_HOME")).map(Path::of).orElse(null);
        Environment env = LauncherTrust.environment(System.getenv(), home, checkout);
        Path file = LauncherTrust.configFile(config, System.getenv(), home, checkout);
        RouterConfig routes;
        try {
            routes = ConfigReader.read(file, w -> { });
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        String alias = alias();
        if (alias == null) {
            System.err.println("claudia: unknown profile '" + profile + "' (use fast, glm, qwen or smoke, or --model ALIAS)");
            return 2;
        }
        if (!routes.profiles().containsKey(alias) && !routes.modelMap().containsKey(alias)) {
            System.err.println("claudia: note: '" + alias + "' is not in " + file + "; it goes to the default backend "
                    + routes.defaultBackend());
        }
        Optional<Path> claude = ClaudeExecutable.find(env);
        if (claude.isEmpty()) {
            System.err.println("claudia: the Claude Code CLI ('claude') is not installed or not on PATH.");
            System.err.println("claudia: install it with: npm install -g @anthropic-ai/claude-code   (or set CLAUDE_BIN)");
            return 127;
        }
        String small = smallModel != null ? smallModel
                : routes.profiles().containsKey(SMALL_MODEL) || routes.modelMap().containsKey(SMALL_MODEL) ? SMALL_MODEL : alias;

        URI shared = URI.create("http://127.0.0.1:" + routes.port());
        ClaudiaServer own = null;
        URI base;
        Optional<String> sharedKey = LauncherTrust.provenKey(shared, Secrets.clientKeys(routes, env));
        String token;
        if (sharedKey.isPresent()) {
            base = shared;
            token = sharedKey.get();
        } else {
            if (routerAnswers(shared)) {
                System.err.println("claudia: the router on " + shared + " does not prove that it holds a client key "
                        + "known here (see docs/security.md); using a private router for this session");
            }
            token = LauncherTrust.sessionToken();
            Path log = Path.of(env.getOr("CLAUDIA_LOG_FILE", Path.of(System.getProperty("user.home"), ".claudia",
                    "router.log").toString()));
            Files.createDirectories(log.toAbsolutePath().getParent());
            Logs.configureFile(env.getOr("LOG_LEVEL", "info"), log);
            // A private router on a free port: it lives exactly as long as this Claude Code session.
            own = ClaudiaServer.start(new ServerOptions(file, env.with("CLAUDIA_AUTH_TOKEN", token).asMap(), "127.0.0.1", 0));
            base = own.baseUri();
            System.err.println("claudia: started a router for this session on " + base + " (log: " + log + ")");
        }
        try {
            ProcessBuilder process = new ProcessBuilder(command(claude.get())).inheritIO();
            process.environment().putAll(claudeEnvironment(base, alias, small, env.with("CLAUDIA_AUTH_TOKEN", token)));
            // The model's window and output limit, unless the user set their own.
            limitsEnvironment(limitsOf(routes, alias)).forEach(process.environment()::putIfAbsent);
            // Claude Code complains when both an API key and a token are set; the router needs neither.
            process.environment().remove("ANTHROPIC_API_KEY");
            return process.start().waitFor();
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private List<String> command(Path claude) {
        List<String> command = new ArrayList<>();
        command.add(claude.toString());
        command.addAll(claudeArgs);
        return command;
    }

    String alias() {
        if (model != null) {
            return model;
        }
        return PROFILES.get(profile == null ? "fast" : profile);
    }

    /**
     * What Claude Code needs to talk to the router. The token is {@code env}'s {@code CLAUDIA_AUTH_TOKEN}: the
     * session token of a private router, or the client key a shared one proved.
     * {@code CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP}:
     * Claude Code (2.1.197 and 2.1.332 alike) otherwise rewrites some older Anthropic model names
     * before sending them (it sent {@code claude-opus-4-1} as {@code claude-opus-4-8} and
     * {@code claude-opus-5-5}), and the request would miss the profile the user chose.
     */
    static Map<String, String> claudeEnvironment(URI base, String alias, String small, Environment env) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ANTHROPIC_BASE_URL", base.toString());
        vars.put("ANTHROPIC_AUTH_TOKEN", env.get("CLAUDIA_AUTH_TOKEN").orElseThrow());
        vars.put("ANTHROPIC_MODEL", alias);
        vars.put("ANTHROPIC_DEFAULT_OPUS_MODEL", alias);
        vars.put("ANTHROPIC_DEFAULT_SONNET_MODEL", alias);
        vars.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", small);
        vars.put("CLAUDE_CODE_SUBAGENT_MODEL", alias);
        vars.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        vars.put("CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP", "1");
        return vars;
    }

    /**
     * The chosen model's declared limits, in Claude Code's own settings (measured on 2.1.332; see
     * docs/claude-code.md): {@code CLAUDE_CODE_MAX_CONTEXT_TOKENS} is the window of a model name it
     * does not know (without it, it assumes 1M tokens and says so on every start), and
     * {@code CLAUDE_CODE_AUTO_COMPACT_WINDOW} arms compaction at that size for names it takes for an
     * Anthropic model (such as {@code claude-3-5-sonnet-*}, which it believes have 200k);
     * {@code CLAUDE_CODE_MAX_OUTPUT_TOKENS} is what it asks for per answer. Nothing for undeclared limits.
     */
    static Map<String, String> limitsEnvironment(ModelLimits limits) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (limits.declaresWindow()) {
            vars.put("CLAUDE_CODE_MAX_CONTEXT_TOKENS", Integer.toString(limits.contextWindow()));
            vars.put("CLAUDE_CODE_AUTO_COMPACT_WINDOW", Integer.toString(limits.contextWindow()));
        }
        if (limits.declaresMaxOutput()) {
            vars.put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", Integer.toString(limits.maxOutputTokens()));
        }
        return vars;
    }

    static ModelLimits limitsOf(RouterConfig config, String alias) {
        RouterConfig.Profile profile = config.profiles().get(alias);
        return profile == null ? ModelLimits.UNDECLARED : profile.limits();
    }

    /** True when a Claudia Router (not just anything) answers there. */
    static boolean routerAnswers(URI base) {
        try {
            HttpResponse<String> root = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build()
                    .send(HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return root.statusCode() == 200 && root.body().contains("\"Claudia Router\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
