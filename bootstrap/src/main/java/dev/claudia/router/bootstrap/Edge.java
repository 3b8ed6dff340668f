package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.Access;
import dev.claudia.router.adapters.http.ClientKeys;
import dev.claudia.router.adapters.http.InboundLimits;
import dev.claudia.router.bootstrap.config.Environment;
import dev.claudia.router.bootstrap.config.RouterConfig;
import dev.claudia.router.bootstrap.config.Secrets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The HTTP edge's settings from config.json and the environment: limits, and who may call (docs/security.md). */
final class Edge {

    private Edge() {}

    static InboundLimits limits(RouterConfig.Limits limits) {
        return new InboundLimits(limits.maxBodyBytes(), limits.maxBodyBytesInFlight(), limits.maxConcurrentUpstream(),
                Duration.ofMillis(limits.writeStallTimeoutMs()), limits.maxJsonDepth(), limits.maxTools(),
                limits.maxToolSchemaChars());
    }

    /** The client keys of every source; the bind host joins the allowed Host names. */
    static Access access(RouterConfig config, Environment env, String host) {
        List<String> hosts = new ArrayList<>(config.access().allowedHosts());
        hosts.add(host);
        return new Access(ClientKeys.of(Secrets.clientKeys(config, env)), hosts, config.access().allowedOrigins());
    }

    /** The start-up line that says what clients may ask and who may ask it (never the keys themselves). */
    static String describe(RouterConfig.Limits l, Access access) {
        return "limits: bodies up to " + (l.maxBodyBytes() >> 20) + " MB, " + (l.maxBodyBytesInFlight() >> 20)
                + " MB in flight, " + l.maxConcurrentUpstream() + " provider requests at once, " + l.maxConnections()
                + " connections, " + l.receiveTimeoutSeconds() + " s to receive a request, " + l.writeStallTimeoutMs()
                + " ms write stall; access: " + (access.clientKeys().required() ? access.clientKeys().size()
                + " client key(s)" : "any local caller") + ", hosts " + access.allowedHosts() + ", web origins "
                + access.allowedOrigins();
    }
}
