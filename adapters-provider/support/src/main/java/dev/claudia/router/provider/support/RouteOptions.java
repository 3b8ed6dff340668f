package dev.claudia.router.provider.support;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.routing.Route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * An adapter's options for each route: the backend's, or a profile's over them. A profile's options
 * object arrives with every call ({@link Route#options()}) but is read once per distinct object, not
 * on every call. Thread-safe.
 *
 * @param <T> the adapter's options record
 */
public final class RouteOptions<T> {

    private final T backend;
    private final BiFunction<OptionsReader, T, T> read;
    private final Map<RawJson, T> byProfile = new ConcurrentHashMap<>();

    /**
     * @param backend the backend's options
     * @param read    reads an options object over a base (what the object leaves out comes from the base)
     */
    public RouteOptions(T backend, BiFunction<OptionsReader, T, T> read) {
        this.backend = backend;
        this.read = read;
    }

    public T backend() {
        return backend;
    }

    /** The options in force for {@code route}. */
    public T of(Route route) {
        RawJson own = route.options();
        if (own.text().equals("{}")) {
            return backend;
        }
        return byProfile.computeIfAbsent(own, o -> read.apply(OptionsReader.of(o), backend));
    }
}
