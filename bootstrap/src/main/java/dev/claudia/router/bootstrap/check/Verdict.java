package dev.claudia.router.bootstrap.check;

import dev.claudia.router.domain.port.ProviderFailure;

import java.util.Objects;

/**
 * What one check found.
 *
 * @param millis  how long its request took; -1 when it sent none of its own (judged from another
 *                check's answer, skipped, or off)
 * @param detail  in words a user can act on ({@code 401 from nvidia: NVIDIA_API_KEY rejected}); may be empty
 * @param failure what the provider side said, when a failure decided the verdict (its message is shown
 *                under the reason); null otherwise
 */
public record Verdict(Status status, long millis, String detail, ProviderFailure failure) {

    /** The outcome of one check. */
    public enum Status {
        OK("ok"),
        /** Works, with a caveat the detail gives (not a failure). */
        WARN("warn"),
        FAIL("FAIL"),
        /** Not checked, because an earlier check failed (the detail says which). */
        SKIP("-"),
        /** Not enabled for this profile: nothing to check. */
        OFF("off");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    static Verdict ok(long millis, String detail) {
        return new Verdict(Status.OK, millis, detail, null);
    }

    static Verdict warn(long millis, String detail) {
        return new Verdict(Status.WARN, millis, detail, null);
    }

    static Verdict fail(long millis, String detail) {
        return new Verdict(Status.FAIL, millis, detail, null);
    }

    static Verdict fail(long millis, String detail, ProviderFailure failure) {
        return new Verdict(Status.FAIL, millis, detail, failure);
    }

    static Verdict skip(String detail) {
        return new Verdict(Status.SKIP, -1, detail, null);
    }

    static Verdict off(String detail) {
        return new Verdict(Status.OFF, -1, detail, null);
    }
}
