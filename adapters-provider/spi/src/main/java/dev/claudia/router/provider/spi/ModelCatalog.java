package dev.claudia.router.provider.spi;

import java.util.List;

/**
 * Optional, for a {@link dev.claudia.router.domain.port.ChatProvider} whose backend can list the
 * models it serves (OpenAI's {@code GET /models}, Anthropic's {@code GET /v1/models}). A provider
 * that {@code create} returns may also implement this; {@code claudia check} then tells "the model
 * is not in the backend's list" apart from other failures, and "reachable" without spending a
 * token. A provider without a list loses nothing: the check judges the model by its answers.
 */
public interface ModelCatalog {

    /**
     * The ids the backend lists now, in its order, every page of them.
     *
     * @throws dev.claudia.router.domain.port.ProviderException when the list cannot be had, with the
     *         kind that says why ({@code UNREACHABLE}, {@code AUTHENTICATION}, {@code NOT_FOUND} when
     *         the backend has no such list...), worded like any other provider failure
     */
    List<String> models();
}
