package com.acme.claudia.gateway;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.ChatProvider;
import dev.claudia.router.provider.spi.BackendSettings;
import dev.claudia.router.provider.spi.OptionProblem;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderFactory;
import dev.claudia.router.provider.spi.ProviderServices;

import java.util.List;

/**
 * The {@code acme-gateway} adapter: config.json selects it with {@code "adapter": "acme-gateway"} on a
 * backend whose {@code baseUrl} is the gateway's API root. Found by the router's {@code ServiceLoader}
 * ({@code provides} in module-info, {@code META-INF/services} on a class path); needs a public
 * no-argument constructor and no state of its own.
 */
public final class GatewayFactory implements ProviderFactory {

    public static final String NAME = "acme-gateway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionProblem> validate(OptionScope scope, RawJson options) {
        return GatewayOptions.validate(scope, options);
    }

    @Override
    public ChatProvider create(BackendSettings backend, RawJson options, ProviderServices services) {
        return new GatewayProvider(backend, GatewayOptions.read(OptionScope.BACKEND, options, null), services);
    }
}
