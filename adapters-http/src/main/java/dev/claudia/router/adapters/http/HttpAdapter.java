package dev.claudia.router.adapters.http;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Registers the adapter's resources and providers on a Jersey application. Classes are listed
 * explicitly (no package scanning): what the server exposes is written here. Collaborators are
 * injected by constructor from the finished instances bootstrap binds: {@code RouteMessage},
 * {@code CountTokens}, {@code ModelRoutes}, {@code RequestLog}, {@code IdGenerator},
 * {@link HttpSettings}, {@link ServiceInfo}, {@link RouterStatus}, {@link Lifecycle}, {@link WriteWatchdog} and
 * {@link BoundPort}.
 */
public final class HttpAdapter {

    private HttpAdapter() {}

    public static ResourceConfig register(ResourceConfig config) {
        return config
                .register(MessagesResource.class)
                .register(ModelsResource.class)
                .register(StatusResources.Health.class)
                .register(StatusResources.Root.class)
                .register(RequestTracing.class)
                .register(Exposure.class)
                .register(Credentials.class)
                .register(SseStreamingInterceptor.class)
                .register(ClientOutput.class)
                .register(ErrorMappers.Api.class)
                .register(ErrorMappers.Web.class)
                .register(ErrorMappers.Unexpected.class)
                .register(Json.class)
                .register(JacksonFeature.withoutExceptionMappers())
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
