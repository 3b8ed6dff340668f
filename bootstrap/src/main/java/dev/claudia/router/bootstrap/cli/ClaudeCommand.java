package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.bootstrap.Logs;
import dev.claudia.router.bootstrap.ServerOptions;
import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;
import org.apache.commons.cli.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
public final class ClaudeCommand implements Callable<Integer> {

    static final CommandSpec SPEC = new CommandSpec("claude", List.of("Run Claude Code through the router.",
            "Options before the first Claude Code argument are claudia's; everything from there on goes to claude as is.",
            "Example: claudia claude --profile glm -p \"explain this repo\""),
            CommandSpec.options(
                    CommandSpec.valued("profile", "NAME", "fast (default), glm, qwen or smoke"),
                    CommandSpec.valued("model", "ALIAS", "any model name of config.json (wins over --profile)"),
                    CommandSpec.valued("small-model", "ALIAS", "model for Claude Code's background work "
                            + "(default: claude-nemotron-nano-9b if configured, else the main model)"),
                    CommandSpec.valued("config", "FILE", "config.json (default: $CLAUDIA_CONFIG, else "
                            + "~/.claudia/config.json, else the checkout's; never ./config.json)"),
                    Option.builder().longOpt("help-claudia").desc("show this help (--help goes to claude)").get()),
            false, true, line -> {
                ClaudeCommand command = new ClaudeCommand();
                command.profile = line.getOptionValue("profile");
                command.model = line.getOptionValue("model");
                command.smallModel = line.getOptionValue("small-model");
                command.config = CommandSpec.path(line, "config");
                command.claudeArgs = new ArrayList<>(line.getArgList());
                return command;
            });

    /**
     * Profile shortcuts, as in the original tool, on the shipped profiles' names: names Claude Code does not
     * take for one of Anthropic's models (docs/claude-code.md#model-names). The old names are aliases.
     */
    static final Map<String, String> PROFILES = Map.of(
            "fast", "claude-step-3.5-flash",
            "glm", "claude-glm-4.7",
            "qwen", "claude-qwen-3.5",
            "smoke", "claude-nemotron-nano-9b");

    String profile;
    String model;
    String smallModel;
    Path config;
    /** Everything from the first argument that is not claudia's on, for claude as is. */
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
            // With the adapters folders, as the router it starts reads them: a team's adapter must be known here too.
            routes = ConfigReader.read(file, Adapters.installed(Adapters.folders(env, home), w -> { }), w -> { });
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalStateException adapterNotLoaded) {
            System.err.println("claudia: cannot start: " + adapterNotLoaded.getMessage());
            return 2;
        }
        String alias = alias();
        if (alias == null) {
            System.err.println("claudia: unknown profile '" + profile + "' (use fast, glm, qwen or smoke, or --model ALIAS)");
            return 2;
        }
        ClaudeEnvironment.Models models = ClaudeEnvironment.choose(routes, alias, smallModel,
                note -> System.err.println("claudia: " + note));
        Optional<String> refusal = ClaudeEnvironment.refusal(routes, models.main());
        if (refusal.isPresent()) {
            System.err.println("claudia: " + refusal.get());
            return 2;
        }
        Optional<Path> claude = ClaudeExecutable.find(env);
        if (claude.isEmpty()) {
            System.err.println("claudia: the Claude Code CLI ('claude') is not installed or not on PATH.");
            System.err.println("claudia: install it with: npm install -g @anthropic-ai/claude-code   (or set CLAUDE_BIN)");
            return 127;
        }

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
            process.environment().putAll(ClaudeEnvironment.models(base, routes, models, env.with("CLAUDIA_AUTH_TOKEN", token)));
            // The model's window and output limit, unless the user set their own.
            ClaudeEnvironment.limits(ClaudeEnvironment.limitsOf(routes, models.main()))
                    .forEach(process.environment()::putIfAbsent);
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
