package dev.claudia.router.bootstrap;

import com.sun.net.httpserver.HttpServer;
import dev.claudia.router.adapters.http.BlockingIo;
import dev.claudia.router.adapters.http.HttpAdapter;
import dev.claudia.router.adapters.http.ServiceInfo;
import dev.claudia.router.bootstrap.config.Adapters;
import dev.claudia.router.bootstrap.config.ConfigReader;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A running router: Jersey on the JDK HTTP server, one thread per request (virtual from JDK 24 on,
 * see {@link BlockingIo}). Also the entry
 * point for embedding and for the system tests, which start routers in-process.
 */
public final class ClaudiaServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("claudia");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Wiring.Graph graph;
    private final URI baseUri;

    private ClaudiaServer(HttpServer server, ExecutorService executor, Wiring.Graph graph, URI baseUri) {
        this.server = server;
        this.executor = executor;
        this.graph = graph;
        this.baseUri = baseUri;
    }

    /**
     * Reads the config, wires everything and starts listening; throws ConfigException on a bad config,
     * and when asked to listen beyond the loopback interface without client keys.
     */
    public static ClaudiaServer start(ServerOptions options) {
        Environment env = new Environment(options.environment());
        Adapters adapters = Adapters.installed(Adapters.folders(env, Path.of(System.getProperty("user.home"))),
                w -> LOG.log(Level.WARNING, w));
        RouterConfig config = ConfigReader.read(options.configFile(), adapters, w -> LOG.log(Level.WARNING, w));
        String host = options.host() != null ? options.host() : env.getOr("CLAUDIA_HOST", "127.0.0.1");
        BindPolicy.check(host, Secrets.clientKeys(config, env));
        Tuning.apply(config.limits()).forEach(w -> LOG.log(Level.WARNING, w));
        Wiring.Graph graph = Wiring.build(config, env, adapters, host);
        int port = options.port() != null ? options.port() : config.port();
        ResourceConfig resources = HttpAdapter.register(new ResourceConfig()).register(new JerseyBinder(graph));
        HttpServer server = JdkHttpServerFactory.createHttpServer(URI.create("http://" + host + ":" + port + "/"),
                resources, false);
        ExecutorService executor = BlockingIo.executor("claudia-http");
        server.setExecutor(executor);
        graph.port().set(server.getAddress().getPort());
        server.start();
        URI base = URI.create("http://" + host + ":" + server.getAddress().getPort());
        LOG.log(Level.INFO, "Claudia Router " + graph.info().version() + " listening on " + base + " (config "
                + config.source().toAbsolutePath().normalize() + ", default backend " + config.defaultBackend() + ")");
        graph.notes().forEach(note -> LOG.log(note.startsWith("DEMO") ? Level.WARNING : Level.INFO, note));
        return new ClaudiaServer(server, executor, graph, base);
    }

    /** {@code http://host:port}, without a trailing slash (what ANTHROPIC_BASE_URL wants). */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    public ServiceInfo info() {
        return graph.info();
    }

    /** Start-up notes: one per backend, and the demo-mode notice when it applies. */
    public List<String> notes() {
        return graph.notes();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        for (AutoCloseable resource : graph.resources()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not close " + resource + ": " + e.getMessage());
            }
        }
    }
}
