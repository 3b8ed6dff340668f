package dev.claudia.router.bootstrap.check;

/** What {@code claudia check} finds out about a profile: one column of its table each. */
public enum Capability {
    REACHABLE("reachable"),
    KEY("key"),
    MODEL("model"),
    TEXT("text"),
    STREAM("stream"),
    TOOLS("tools"),
    THINKING("thinking");

    private final String label;

    Capability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
