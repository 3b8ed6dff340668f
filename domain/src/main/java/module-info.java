/**
 * The heart of Claudia Router: what a message, a tool, a stream event and a route are, and the
 * ports through which the application reaches providers, routes, ids and token counts.
 *
 * <p>Plain Java only (records, sealed interfaces, enums). Wire formats, HTTP, JSON libraries and
 * resilience frameworks live in the adapters and the application, never here; ArchUnit checks it.
 */
module dev.claudia.router.domain {
    exports dev.claudia.router.domain.message;
    exports dev.claudia.router.domain.stream;
    exports dev.claudia.router.domain.routing;
    exports dev.claudia.router.domain.port;
}
