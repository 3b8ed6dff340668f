package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.bootstrap.ClaudiaServer;
import dev.claudia.router.bootstrap.Logs;
import dev.claudia.router.bootstrap.ServerOptions;
import dev.claudia.router.bootstrap.StartupTrace;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.Environment;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code claudia start}: runs the router in the foreground until SIGTERM or Ctrl-C, which stop it
 * gracefully ({@link ClaudiaServer#stop}) and exit with code 0; a second Ctrl-C stops it at once.
 */
public final class StartCommand implements Callable<Integer> {

    static final CommandSpec SPEC = new CommandSpec("start", List.of("Run the router in the foreground."),
            CommandSpec.options(
                    CommandSpec.valued("config", "FILE", "config.json to use (default: $CLAUDIA_CONFIG, else ./config.json)"),
                    CommandSpec.valued("port", "PORT", "port to listen on (default: config.json's port)"),
                    CommandSpec.valued("host", "HOST", "interface to bind (default: $CLAUDIA_HOST, else 127.0.0.1)")),
            true, false, line -> {
                StartCommand command = new StartCommand();
                command.config = CommandSpec.path(line, "config");
                command.port = CommandSpec.integer(line, "port");
                command.host = line.getOptionValue("host");
                return command;
            });

    Path config;
    Integer port;
    String host;

    @Override
    public Integer call() throws InterruptedException {
        StartupTrace.mark("command line parsed");
        Environment env = Environment.load(Path.of(".env"), System.getenv());
        Logs.configure(env.getOr("LOG_LEVEL", "info"));
        Path file = configFile(config, env);
        ClaudiaServer server;
        try {
            server = ClaudiaServer.start(new ServerOptions(file, env.asMap(), host, port));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (UncheckedIOException | IllegalStateException e) {
            System.err.println("claudia: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        GracefulStop stop = new GracefulStop(server, stopped);
        stop.onSignals("TERM", "INT");
        // Any other way the JVM ends (SIGHUP, System.exit elsewhere): stop at once, and say what was lost.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stop.begin()) {
                server.close();
                Logs.flush();
            }
        }, "claudia-shutdown"));
        stopped.await();
        Logs.flush();
        return 0;
    }

    /** --config, else CLAUDIA_CONFIG, else ./config.json. */
    static Path configFile(Path option, Environment env) {
        if (option != null) {
            return option;
        }
        return env.get("CLAUDIA_CONFIG").map(Path::of).orElseGet(() -> {
            Path local = Path.of("config.json");
            return Files.exists(local) ? local : local.toAbsolutePath();
        });
    }
}
