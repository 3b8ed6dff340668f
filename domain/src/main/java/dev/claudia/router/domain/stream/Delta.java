package dev.claudia.router.domain.stream;

import java.util.Objects;

/** A piece of content for an open block. */
public sealed interface Delta {

    record Text(String text) implements Delta {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    record Thinking(String thinking) implements Delta {
        public Thinking {
            Objects.requireNonNull(thinking, "thinking");
        }
    }

    /** Sent once, just before a thinking block stops. */
    record Signature(String signature) implements Delta {
        public Signature {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** A fragment of a tool call's input; the fragments of one block concatenate to a JSON object. */
    record InputJson(String partialJson) implements Delta {
        public InputJson {
            Objects.requireNonNull(partialJson, "partialJson");
        }
    }
}
