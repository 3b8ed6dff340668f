/**
 * Provider adapter {@code "acme-gateway"}: Acme's in-house AI gateway (a worked example of a team's
 * own adapter; the protocol is described in this module's README).
 *
 * <p>All it needs of the router is the provider SPI, and the support library for the HTTP client,
 * the idle watchdog, the status table and option reading. It exports nothing: the router finds
 * {@code GatewayFactory} through {@code provides}, on its module path or in an adapters folder.
 */
module com.acme.claudia.gateway {
    requires dev.claudia.router.provider.support;
    requires com.fasterxml.jackson.databind;

    provides dev.claudia.router.provider.spi.ProviderFactory with com.acme.claudia.gateway.GatewayFactory;
}
