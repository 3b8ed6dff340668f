package dev.claudia.router.domain.port;

import java.util.Objects;

/** Carries a {@link ProviderFailure} up the stack. */
public class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ProviderFailure failure;

    public ProviderException(ProviderFailure failure) {
        super(failure.message());
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public ProviderException(ProviderFailure failure, Throwable cause) {
        super(failure.message(), cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public ProviderFailure failure() {
        return failure;
    }
}
