package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.Redactor;
import dev.claudia.router.adapters.http.RouterStatus;
import dev.claudia.router.adapters.http.ServiceInfo;
import dev.claudia.router.application.LiveRoutes;
import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.ConfigException;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.RouterConfig;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies an edited config.json to a running router, all at once or not at all. Reloadable: the
 * backends (URL, adapter and options, key variable, limits), the profiles, {@code modelMap},
 * {@code defaultBackend}, {@code routingRules}, {@code upstream} and {@code shutdown}: new requests
 * get them, requests in flight finish on what they started with. Not reloadable, because the HTTP
 * server and the edge were built with them: {@code port}, {@code limits}, {@code access} and
 * {@code stickySessionMinutes} (and the environment); a change to them is reported, in the log and in {@code /health}, as needing a
 * restart. An edit with any problem is not applied at all: the router goes on with the config in
 * force, and logs every problem and shows them in {@code /health} until an edit fixes them.
 */
final class ConfigReloader {

    private static final System.Logger LOG = System.getLogger("claudia.config");

    private final Path file;
    private final Adapters adapters;
    private final Generations generations;
    private final LiveRoutes live;
    private final RouterStatus status;
    private final Redactor redactor;
    private final RouterConfig started;
    private final boolean portFromConfig;
    private RouterConfig current;
    private int generation = 1;

    ConfigReloader(Path file, Adapters adapters, Wiring.Graph graph, RouterConfig started, boolean portFromConfig) {
        this.file = file;
        this.adapters = adapters;
        this.generations = graph.generations();
        this.live = graph.routes();
        this.status = graph.status();
        this.redactor = graph.redactor();
        this.started = started;
        this.portFromConfig = portFromConfig;
        this.current = started;
    }

    /** The config in force. */
    synchronized RouterConfig current() {
        return current;
    }

    /** Reads the file and puts it in force if it is valid; returns whether it was applied. */
    synchronized boolean reload() {
        RouterConfig next;
        List<String> warnings = new ArrayList<>();
        try {
            next = ConfigReader.read(file, adapters, warnings::add);
        } catch (ConfigException e) {
            refuse(e.problems());
            return false;
        }
        warnings.forEach(w -> LOG.log(Level.WARNING, w));
        Redactor secrets = generations.secrets(next);
        redactor.learn(secrets); // before anything from the new config is used or logged
        Logs.mask(secrets);
        Generations.Built built;
        try {
            built = generations.build(next);
        } catch (RuntimeException e) {
            refuse(List.of(file + ": " + e.getMessage()));
            return false;
        }
        live.replace(built.routing());
        current = next;
        generation++;
        List<String> restart = restartNeeded(next);
        ServiceInfo before = status.info();
        status.update(new ServiceInfo(before.version(), before.startedAt(), built.backends()));
        status.update(new RouterStatus.Config(file.toString(), generation, Instant.now(), List.of(), restart));
        LOG.log(Level.INFO, "config reloaded from " + file + " (generation " + generation + "): " + next.backends().size()
                + " backend(s), " + next.profiles().size() + " profile(s), " + next.routingRules().size()
                + " routing rule(s); new requests use it, requests in flight finish on the previous one");
        built.notes().stream().filter(n -> n.startsWith("backend ") || n.startsWith("DEMO"))
                .forEach(n -> LOG.log(n.startsWith("DEMO") ? Level.WARNING : Level.INFO, n));
        if (!restart.isEmpty()) {
            LOG.log(Level.WARNING, "changed in " + file + " but applied only by a restart: " + String.join("; ", restart));
        }
        return true;
    }

    private void refuse(List<String> problems) {
        LOG.log(Level.WARNING, file + " was edited but not applied (" + problems.size() + " problem(s)); the router goes "
                + "on with the config in force (generation " + generation + ")");
        problems.forEach(p -> LOG.log(Level.WARNING, "  - " + p));
        RouterStatus.Config now = status.config();
        status.update(new RouterStatus.Config(now.source(), now.generation(), now.loadedAt(), problems,
                now.restartNeeded()));
    }

    /** Settings the running server was built with, compared with the edited file. */
    private List<String> restartNeeded(RouterConfig next) {
        List<String> changed = new ArrayList<>();
        if (portFromConfig && next.port() != started.port()) {
            changed.add("port " + started.port() + " -> " + next.port());
        }
        if (!Objects.equals(next.limits(), started.limits())) {
            changed.add("limits");
        }
        if (next.stickySessionMinutes() != started.stickySessionMinutes()) {
            changed.add("stickySessionMinutes"); // the sessions' table was sized at start-up
        }
        if (!Objects.equals(next.access().allowedHosts(), started.access().allowedHosts())
                || !Objects.equals(next.access().allowedOrigins(), started.access().allowedOrigins())
                || !next.access().clientKeys().equals(started.access().clientKeys())) {
            changed.add("access");
        }
        return changed;
    }
}
