/**
 * The provider SPI: {@link dev.claudia.router.provider.spi.ProviderFactory} and what it is given
 * ({@link dev.claudia.router.provider.spi.BackendSettings},
 * {@link dev.claudia.router.provider.spi.ProviderServices}) and reports
 * ({@link dev.claudia.router.provider.spi.OptionProblem}), and what a provider may add
 * ({@link dev.claudia.router.provider.spi.ModelCatalog}, its backend's model list). docs/adapters.md explains how to write,
 * package and install an adapter.
 */
package dev.claudia.router.provider.spi;
