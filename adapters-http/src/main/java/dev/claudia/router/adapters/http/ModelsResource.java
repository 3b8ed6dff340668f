package dev.claudia.router.adapters.http;

import dev.claudia.router.adapters.http.mapping.ApiError;
import dev.claudia.router.adapters.http.wire.ListBodies;
import dev.claudia.router.domain.port.ModelRoutes;
import dev.claudia.router.domain.routing.ModelInfo;
import dev.claudia.router.domain.routing.ModelLimits;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the model names configured in
 * config.json, in Anthropic's shape with its cursor pagination ({@code limit}, {@code after_id},
 * {@code before_id}). Claude Code's gateway discovery keeps only ids starting with
 * {@code claude} or {@code anthropic}, which is why the shipped aliases are named that way. Each
 * model carries its profile's declared window and output limit ({@code max_input_tokens},
 * {@code max_tokens}), null when undeclared. A profile's other names ({@code aliases}) are not
 * listed; {@code GET /v1/models/{alias}} answers with the profile it names, as Anthropic answers an
 * alias with the model it resolves to.
 */
@Path("v1/models")
@Singleton
@Produces(MediaType.APPLICATION_JSON)
public final class ModelsResource {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 1000;

    private final ModelRoutes routes;
    private final String createdAt;

    @Inject
    public ModelsResource(ModelRoutes routes, ServiceInfo info) {
        this.routes = routes;
        this.createdAt = info.startedAt().toString();
    }

    @GET
    public ListBodies.ModelsPage list(@QueryParam("limit") Integer limit, @QueryParam("after_id") String afterId,
                                      @QueryParam("before_id") String beforeId) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiError.invalidRequest("limit: must be between 1 and " + MAX_LIMIT);
        }
        List<ModelInfo> all = routes.models();
        int from = 0;
        int to = all.size();
        if (afterId != null) {
            from = indexOf(all, afterId, "after_id") + 1;
        }
        if (beforeId != null) {
            to = indexOf(all, beforeId, "before_id");
            from = Math.max(from, to - size);
        }
        List<ModelInfo> page = all.subList(Math.min(from, to), Math.min(to, from + size));
        List<ListBodies.Model> data = page.stream().map(this::model).toList();
        boolean hasMore = beforeId != null ? from > 0 : from + size < to;
        return new ListBodies.ModelsPage(data, hasMore, data.isEmpty() ? null : data.getFirst().id(),
                data.isEmpty() ? null : data.getLast().id());
    }

    @GET
    @Path("{id}")
    public ListBodies.Model get(@PathParam("id") String id) {
        return routes.model(id).map(this::model)
                .orElseThrow(() -> ApiError.of(404, "not_found_error", "model: no model named '" + id
                        + "' is configured (see GET /v1/models)"));
    }

    private ListBodies.Model model(ModelInfo info) {
        ModelLimits limits = info.limits();
        return new ListBodies.Model("model", info.id(), info.displayName(), createdAt,
                limits.declaresWindow() ? limits.contextWindow() : null,
                limits.declaresMaxOutput() ? limits.maxOutputTokens() : null);
    }

    private static int indexOf(List<ModelInfo> all, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw ApiError.invalidRequest(param + ": no model named '" + id + "'");
    }
}
