package dev.claudia.router.bootstrap;

import com.sun.net.httpserver.HttpServer;
import dev.claudia.router.adapters.http.BlockingIo;
import dev.claudia.router.adapters.http.ClientConnection;
import dev.claudia.router.adapters.http.HttpAdapter;
import dev.claudia.router.adapters.http.ServiceInfo;
import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;
import dev.claudia.router.domain.port.ChatProvider;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running router: Jersey on the JDK HTTP server, one thread per request (virtual from JDK 24 on,
 * see {@link BlockingIo}), and a watch on its config file that applies edits ({@link ConfigReloader}).
 * Also the entry point for embedding and for the system tests, which start routers in-process.
 *
 * <p>Two ways to stop: {@link #stop(Duration)} is graceful (no new requests, those in flight get up
 * to the bound to finish, then the rest end with {@code overloaded_error}); {@link #close()} is
 * immediate.
 */
public final class ClaudiaServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("claudia");
    private static final Duration DEBOUNCE = Duration.ofMillis(300);
    /** After the grace, how long requests that were ended get to write their last event or answer. */
    private static final Duration LAST_WORDS = Duration.ofSeconds(3);

    private final HttpServer server;
    private final JdkHttpHandlerContainer container;
    private final ExecutorService executor;
    private final Wiring.Graph graph;
    private final ConfigReloader reloader;
    private final ConfigWatcher watcher;
    private final URI baseUri;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    private ClaudiaServer(HttpServer server, JdkHttpHandlerContainer container, ExecutorService executor,
                          Wiring.Graph graph, ConfigReloader reloader, ConfigWatcher watcher, URI baseUri) {
        this.server = server;
        this.container = container;
        this.executor = executor;
        this.graph = graph;
        this.reloader = reloader;
        this.watcher = watcher;
        this.baseUri = baseUri;
    }

    /**
     * Reads the config, wires everything and starts listening; throws ConfigException on a bad config,
     * and when asked to listen beyond the loopback interface without client keys.
     *
     * <p>Jersey's server side (HK2, the resource model, the providers: the longest step of a cold
     * start) is built on a thread of its own meanwhile; it needs the graph only once it creates the
     * filters, and waits for it then. The port is bound once both are done, so the first request
     * finds a router that is ready. The providers' HTTP clients are then warmed in the background
     * ({@link #warmUp}).
     */
    public static ClaudiaServer start(ServerOptions options) {
        CompletableFuture<Wiring.Graph> wired = new CompletableFuture<>();
        CompletableFuture<JdkHttpHandlerContainer> jersey = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("claudia-jersey-boot").start(() -> {
            try {
                jersey.complete(container(wired));
            } catch (Throwable t) {
                jersey.completeExceptionally(t);
            }
        });
        Environment env = new Environment(options.environment());
        Adapters adapters;
        RouterConfig config;
        String host;
        Wiring.Graph graph;
        try {
            adapters = Adapters.installed(Adapters.folders(env, Path.of(System.getProperty("user.home"))),
                    w -> LOG.log(Level.WARNING, w));
            config = ConfigReader.read(options.configFile(), adapters, w -> LOG.log(Level.WARNING, w));
            StartupTrace.mark("config read");
            host = options.host() != null ? options.host() : env.getOr("CLAUDIA_HOST", "127.0.0.1");
            BindPolicy.check(host, Secrets.clientKeys(config, env));
            Tuning.apply(config.limits()).forEach(w -> LOG.log(Level.WARNING, w));
            graph = Wiring.build(config, env, adapters, host);
            StartupTrace.mark("wired");
        } catch (RuntimeException | Error e) {
            wired.completeExceptionally(e); // Jersey's thread, should it wait for the graph, ends too
            throw e;
        }
        wired.complete(graph);
        warmUp(graph.generations().providersNow());
        JdkHttpHandlerContainer container;
        try {
            container = jersey.join();
        } catch (CompletionException e) {
            closeAll(graph.resources());
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        StartupTrace.mark("jersey application handler");
        int port = options.port() != null ? options.port() : config.port();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            closeAll(graph.resources());
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        // The handler tells the adapter which connection each request came on (ClientPresence watches it).
        server.createContext("/", exchange -> {
            StartupTrace.markOnce("first request in");
            new ClientConnection(exchange.getLocalAddress(), exchange.getRemoteAddress())
                    .serve(() -> container.handle(exchange));
            StartupTrace.markOnce("first request out");
        });
        ExecutorService executor = BlockingIo.executor("claudia-http");
        server.setExecutor(executor);
        graph.port().set(server.getAddress().getPort());
        server.start();
        container.getApplicationHandler().onStartup(container);
        StartupTrace.mark("listening");
        URI base = URI.create("http://" + host + ":" + server.getAddress().getPort());
        ConfigReloader reloader = new ConfigReloader(options.configFile(), adapters, graph, config, options.port() == null);
        ConfigWatcher watcher = watch(options, reloader);
        LOG.log(Level.INFO, "Claudia Router " + graph.info().version() + " listening on " + base + " (config "
                + config.source().toAbsolutePath().normalize() + ", default backend " + config.defaultBackend() + ")");
        graph.notes().forEach(note -> LOG.log(note.startsWith("DEMO") ? Level.WARNING : Level.INFO, note));
        if (watcher != null) {
            LOG.log(Level.INFO, "watching " + options.configFile() + ": edits to backends, profiles, modelMap, "
                    + "routingRules, upstream and shutdown apply to new requests; port, limits, access and stickySessionMinutes "
                    + "need a restart");
        }
        return new ClaudiaServer(server, container, executor, graph, reloader, watcher, base);
    }

    /** Jersey's server side for the graph {@code wired} will hold (its filters wait for it). */
    private static JdkHttpHandlerContainer container(CompletableFuture<Wiring.Graph> wired) {
        ResourceConfig resources = HttpAdapter.register(new ResourceConfig()).register(new JerseyBinder(wired::join));
        return ContainerFactory.createContainer(JdkHttpHandlerContainer.class, resources);
    }

    /**
     * Sets up the providers' HTTP clients on a background thread, so that the first request does not
     * pay for it ({@link ChatProvider#warmUp}); nothing is sent. A failure only means the first
     * request does the set-up itself, so it is logged at debug level and start-up goes on.
     */
    static Thread warmUp(List<ChatProvider> providers) {
        return Thread.ofPlatform().daemon().name("claudia-warm-up").start(() -> {
            for (ChatProvider provider : providers) {
                try {
                    provider.warmUp();
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.DEBUG, "warming up a provider's HTTP client failed (its first request will set it up): "
                            + e);
                }
            }
            StartupTrace.mark("providers warmed up");
        });
    }

    private static ConfigWatcher watch(ServerOptions options, ConfigReloader reloader) {
        if (!Files.isRegularFile(options.configFile())) {
            return null;
        }
        try {
            return new ConfigWatcher(options.configFile(), reloader::reload, DEBOUNCE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "cannot watch " + options.configFile() + " for edits (" + e.getMessage()
                    + "); restart the router to apply them");
            return null;
        }
    }

    /** {@code http://host:port}, without a trailing slash (what ANTHROPIC_BASE_URL wants). */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /** What /health reports about the backends of the config in force. */
    public ServiceInfo info() {
        return graph.status().info();
    }

    /** Start-up notes: one per backend, and the demo-mode notice when it applies. */
    public List<String> notes() {
        return graph.notes();
    }

    /** Reads the config file again now (the watcher does it by itself after an edit); true when applied. */
    public boolean reload() {
        return reloader.reload();
    }

    /** Providers open now, across the routings in force or still serving requests (for tests). */
    int openProviders() {
        return graph.generations().openProviders();
    }

    /** The bound of the config in force ({@code shutdown.graceSeconds}). */
    public Duration shutdownGrace() {
        return reloader.current().shutdownGrace();
    }

    /**
     * Stops gracefully: the listening socket is closed and new message requests on open connections
     * get 529 {@code overloaded_error}; requests in flight get up to {@code grace} to finish; then
     * whole answers still waiting get the same 529 and streams end with an {@code overloaded_error}
     * event (Claude Code retries both, against the router once it is back); then everything is closed.
     */
    public void stop(Duration grace) {
        var lifecycle = graph.lifecycle();
        lifecycle.drain();
        int open = lifecycle.inFlight();
        LOG.log(Level.INFO, "stopping: no new requests; " + open + " in flight get up to " + grace.toSeconds()
                + " s to finish (shutdown.graceSeconds)");
        Thread listener = Thread.ofPlatform().name("claudia-stop").start(() ->
                server.stop((int) Math.min(Integer.MAX_VALUE, grace.plus(LAST_WORDS).toSeconds() + 1)));
        if (!awaitIdle(grace)) {
            LOG.log(Level.INFO, "ending " + lifecycle.inFlight() + " request(s) still in flight after " + grace.toSeconds()
                    + " s: streams get an overloaded_error event, whole answers a 529");
            lifecycle.cancelAll();
            awaitIdle(LAST_WORDS);
        }
        try {
            listener.join(grace.plus(LAST_WORDS).plusSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
        LOG.log(Level.INFO, "stopped");
    }

    private boolean awaitIdle(Duration bound) {
        long until = System.nanoTime() + bound.toNanos();
        while (graph.lifecycle().inFlight() > 0) {
            if (System.nanoTime() >= until) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Stops at once: open requests are cut off. */
    @Override
    public void close() {
        if (released.get()) {
            return;
        }
        graph.lifecycle().drain();
        server.stop(0);
        release();
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (watcher != null) {
            watcher.close();
        }
        executor.shutdownNow();
        try {
            container.getApplicationHandler().onShutdown(container);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Jersey shutdown: " + e.getMessage());
        }
        closeAll(graph.resources());
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not close " + resource + ": " + e.getMessage());
            }
        }
    }
}
