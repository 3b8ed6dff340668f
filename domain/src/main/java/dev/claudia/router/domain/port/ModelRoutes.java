package dev.claudia.router.domain.port;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.routing.ModelInfo;
import dev.claudia.router.domain.routing.RoutePlan;

import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/** The routing table: which provider models serve a request. */
public interface ModelRoutes {

    /**
     * The routes for this request; never fails (unknown names go to the default backend).
     *
     * @param promptTokens the prompt's size, counted only if a routing rule needs it
     */
    RoutePlan planFor(MessageRequest request, IntSupplier promptTokens);

    /** The model names callers can ask for (other names a model answers to are not listed). */
    List<ModelInfo> models();

    /**
     * The listed model a name stands for: the model itself, or, for another name of it (an alias),
     * the model the alias resolves to, as Anthropic's {@code GET /v1/models/{id}} answers an alias
     * with the model it points at.
     */
    default Optional<ModelInfo> model(String name) {
        return models().stream().filter(m -> m.id().equals(name)).findFirst();
    }
}
