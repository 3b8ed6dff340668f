package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.Logs;
import dev.claudia.router.bootstrap.ProfileChecks;
import dev.claudia.router.bootstrap.check.CheckJson;
import dev.claudia.router.bootstrap.check.CheckTable;
import dev.claudia.router.bootstrap.check.ProfileReport;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code claudia check}: every profile (or those named) against its real backend, one row each.
 * Exit status 0 when every checked profile works, 1 when any fails, 2 when the config or the
 * command line is wrong. The table goes to standard output, the intro and warnings to standard
 * error; with {@code --json} standard output is one JSON document.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check each profile against its real backend: reachable, key accepted, model known, a short "
                + "answer, a stream, a tool call, thinking. A few small requests per profile.",
            "Exit status: 0 all work, 1 a profile failed, 2 bad config or arguments."})
public final class CheckCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "config.json to check (default: $CLAUDIA_CONFIG, else ./config.json)")
    Path config;

    @Option(names = "--profile", paramLabel = "ALIAS", description = "a profile to check (repeatable; default: all)")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long a backend may stay silent (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
