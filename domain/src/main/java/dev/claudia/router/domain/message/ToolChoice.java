package dev.claudia.router.domain.message;

import java.util.Objects;

/** How the model must use the tools. */
public sealed interface ToolChoice {

    /** True when the caller asked for at most one tool call per turn. */
    boolean disableParallelToolUse();

    /** The model decides. */
    record Auto(boolean disableParallelToolUse) implements ToolChoice {}

    /** The model must call some tool. */
    record Any(boolean disableParallelToolUse) implements ToolChoice {}

    /** The model must call this tool. */
    record Named(String name, boolean disableParallelToolUse) implements ToolChoice {
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The model must not call tools. */
    record None() implements ToolChoice {
        @Override
        public boolean disableParallelToolUse() {
            return false;
        }
    }
}
