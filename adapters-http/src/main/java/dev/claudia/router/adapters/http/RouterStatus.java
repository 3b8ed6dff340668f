package dev.claudia.router.adapters.http;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What {@code GET /health} reports, kept current: the backends of the config in force, how that
 * config was loaded (and, after an edit that could not be applied, every problem with it, while the
 * router goes on serving the previous one), lines the log dropped, and whether the router is stopping.
 */
public final class RouterStatus {

    /**
     * The config in force.
     *
     * @param source        the file
     * @param generation    1 at start-up, one more per applied reload
     * @param loadedAt      when the config in force was applied
     * @param problems      empty, or why the last edit was not applied (JSON paths and all)
     * @param restartNeeded changed settings that only a restart applies (port, limits, access)
     */
    public record Config(String source, int generation, Instant loadedAt, List<String> problems,
                         List<String> restartNeeded) {
        public Config {
            Objects.requireNonNull(source, "source");
            problems = List.copyOf(problems);
            restartNeeded = List.copyOf(restartNeeded);
        }
    }

    private final LongSupplier droppedLogLines;
    private final Lifecycle lifecycle;
    private volatile ServiceInfo info;
    private volatile Config config;

    public RouterStatus(ServiceInfo info, Config config, LongSupplier droppedLogLines, Lifecycle lifecycle) {
        this.info = info;
        this.config = config;
        this.droppedLogLines = droppedLogLines;
        this.lifecycle = lifecycle;
    }

    public ServiceInfo info() {
        return info;
    }

    public Config config() {
        return config;
    }

    public void update(ServiceInfo value) {
        this.info = value;
    }

    public void update(Config value) {
        this.config = value;
    }

    public long droppedLogLines() {
        return droppedLogLines.getAsLong();
    }

    public boolean stopping() {
        return lifecycle.draining();
    }
}
