package dev.claudia.router.domain.port;

import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.routing.ModelInfo;
import dev.claudia.router.domain.routing.RoutePlan;

import java.util.List;

/** The routing table: which provider models serve a request. */
public interface ModelRoutes {

    /** The routes for this request; never fails (unknown names go to the default backend). */
    RoutePlan planFor(MessageRequest request);

    /** The model names callers can ask for. */
    List<ModelInfo> models();
}
