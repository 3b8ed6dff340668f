/**
 * Bootstrap: reads config.json and the environment, wires the object graph by hand, starts Jersey
 * on the JDK HTTP server with virtual threads, and provides the {@code claudia} command line.
 * Exports only the embedding API ({@code ClaudiaServer}, {@code ServerOptions}) used by the
 * system tests.
 *
 * <p>Provider adapters are not required here: bootstrap {@code uses} the provider SPI and finds
 * every adapter module on the module path with {@code ServiceLoader} (each {@code provides} a
 * {@code ProviderFactory}), so a team's adapter jar works by being on the module path.
 */
module dev.claudia.router.bootstrap {
    requires dev.claudia.router.adapters.http;
    requires dev.claudia.router.provider.spi;
    requires dev.claudia.router.adapters.provider.tokens;
    requires org.glassfish.jersey.container.jdk.http;
    requires org.glassfish.jersey.inject.hk2;
    requires org.glassfish.jersey.core.common;
    requires jdk.httpserver;
    requires java.logging;
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM and Ctrl-C stop the router gracefully, exit code 0
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.cli;

    uses dev.claudia.router.provider.spi.ProviderFactory;

    exports dev.claudia.router.bootstrap;
    exports dev.claudia.router.bootstrap.config;
}
