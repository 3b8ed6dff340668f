package dev.claudia.router.domain.stream;

import java.util.Objects;

/** What kind of content block a {@link StreamEvent.BlockStarted} opens. */
public sealed interface BlockStart {

    record Text() implements BlockStart {}

    record Thinking() implements BlockStart {}

    /** A tool call; its input arrives as {@link Delta.InputJson} fragments. */
    record ToolUse(String id, String name) implements BlockStart {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Encrypted reasoning arrives whole: it is the one block that is not empty at start. */
    record RedactedThinking(String data) implements BlockStart {
        public RedactedThinking {
            Objects.requireNonNull(data, "data");
        }
    }
}
