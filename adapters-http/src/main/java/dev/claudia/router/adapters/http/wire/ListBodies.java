package dev.claudia.router.adapters.http.wire;

import java.util.List;

/** Bodies of the small read-only endpoints: models, count_tokens, health, root. */
public final class ListBodies {

    private ListBodies() {}

    /** @see <a href="https://docs.claude.com/en/api/models-list">List Models</a> */
    public record ModelsPage(List<Model> data, boolean hasMore, String firstId, String lastId) {}

    /**
     * A {@code ModelInfo}. {@code max_input_tokens} (the context window) and {@code max_tokens} (the
     * output limit) are the current Models API's fields; null when the profile declares none.
     */
    public record Model(String type, String id, String displayName, String createdAt, Integer maxInputTokens,
                        Integer maxTokens) {}

    public record TokenCount(int inputTokens) {}

    /**
     * @param status "ok", or "stopping" while the router drains
     */
    public record Health(String status, String version, List<Backend> backends, Config config, long droppedLogLines) {}

    /** The config in force; {@code problems} says why the last edit was not applied. */
    public record Config(String source, int generation, String loadedAt, List<String> problems,
                         List<String> restartNeeded) {}

    /** A configured backend, without its key: only whether one is set and which variable holds it. */
    public record Backend(String name, String baseUrl, String apiKeyEnv, boolean apiKeyPresent, String mode) {}

    public record Root(String name, String version, List<String> endpoints) {}
}
