/**
 * Bootstrap: reads config.json and the environment, wires the object graph by hand, starts Jersey
 * on the JDK HTTP server with virtual threads, and provides the {@code claudia} command line.
 * Exports only the embedding API ({@code ClaudiaServer}, {@code ServerOptions}) used by the
 * system tests; picocli reads the command classes reflectively.
 */
module dev.claudia.router.bootstrap {
    requires dev.claudia.router.adapters.http;
    requires dev.claudia.router.adapters.provider;
    requires org.glassfish.jersey.container.jdk.http;
    requires org.glassfish.jersey.inject.hk2;
    requires org.glassfish.jersey.core.common;
    requires jdk.httpserver;
    requires java.logging;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;

    exports dev.claudia.router.bootstrap;
    exports dev.claudia.router.bootstrap.config;
    opens dev.claudia.router.bootstrap.cli to info.picocli;
}
