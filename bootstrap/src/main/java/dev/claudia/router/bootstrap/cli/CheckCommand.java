package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.Logs;
import dev.claudia.router.bootstrap.ProfileChecks;
import dev.claudia.router.bootstrap.check.CheckJson;
import dev.claudia.router.bootstrap.check.CheckTable;
import dev.claudia.router.bootstrap.check.ProfileReport;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.Environment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code claudia check}: every profile (or those named) against its real backend, one row each.
 * Exit status 0 when every checked profile works, 1 when any fails, 2 when the config or the
 * command line is wrong. The table goes to standard output, the intro and warnings to standard
 * error; with {@code --json} standard output is one JSON document.
 */
public final class CheckCommand implements Callable<Integer> {

    static final int DEFAULT_TIMEOUT_SECONDS = 60;

    static final CommandSpec SPEC = new CommandSpec("check",
            List.of("Check each profile against its real backend: reachable, key accepted, model known, a short "
                    + "answer, a stream, a tool call, thinking. A few small requests per profile.",
                "Exit status: 0 all work, 1 a profile failed, 2 bad config or arguments."),
            CommandSpec.options(
                    CommandSpec.valued("config", "FILE", "config.json to check (default: $CLAUDIA_CONFIG, else ./config.json)"),
                    CommandSpec.repeatable("profile", "ALIAS", "a profile to check (repeatable; default: all)"),
                    CommandSpec.flag("json", "print the result as JSON"),
                    CommandSpec.valued("timeout", "SECONDS",
                            "how long a backend may stay silent (default: " + DEFAULT_TIMEOUT_SECONDS + ")")),
            true, false, line -> {
                CheckCommand command = new CheckCommand();
                command.config = CommandSpec.path(line, "config");
                String[] profiles = line.getOptionValues("profile");
                command.profiles = profiles == null ? List.of() : List.of(profiles);
                command.json = line.hasOption("json");
                Integer timeout = CommandSpec.integer(line, "timeout");
                command.timeoutSeconds = timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout;
                return command;
            });

    Path config;
    List<String> profiles = List.of();
    boolean json;
    int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Environment env = Environment.load(Path.of(".env"), System.getenv());
        // The table is the output (it reports what was dropped itself); log lines only when asked for (LOG_LEVEL).
        Logs.configure(env.getOr("LOG_LEVEL", "error"));
        Path file = StartCommand.configFile(config, env);
        if (timeoutSeconds < 1) {
            err.println("claudia check: --timeout must be at least 1 second");
            return 2;
        }
        ProfileChecks checks;
        try {
            checks = ProfileChecks.prepare(new ProfileChecks.Options(file, env.asMap(), profiles,
                    Duration.ofSeconds(timeoutSeconds)), w -> err.println("warning: " + w));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("claudia check: " + e.getMessage());
            return 2;
        }
        String source = checks.config().source().toAbsolutePath().normalize().toString();
        err.print(CheckTable.intro(checks.profiles().size(), source));
        err.flush();
        List<ProfileReport> reports = checks.run();
        String result = json ? CheckJson.render(source, reports) : "\n" + CheckTable.render(reports);
        out.print(checks.redactor().redact(result));
        out.flush();
        return reports.stream().anyMatch(ProfileReport::failed) ? 1 : 0;
    }
}
