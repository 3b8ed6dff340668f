package dev.claudia.router.adapters.http.mapping;

/** Where a request's body bytes are accounted before they are read; refuses (with an {@link ApiError}) past its bound. */
@FunctionalInterface
public interface BodyBudget {

    BodyBudget UNBOUNDED = bytes -> { };

    void reserve(long bytes);
}
