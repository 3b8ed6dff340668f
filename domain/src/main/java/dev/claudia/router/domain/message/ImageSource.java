package dev.claudia.router.domain.message;

import java.util.Objects;

/** Where an image comes from. Anthropic {@code file} sources have no provider equivalent and are rejected at the edge. */
public sealed interface ImageSource {

    /** Inline bytes, base64 encoded, with their media type (image/jpeg, image/png, image/gif, image/webp). */
    record Base64(String mediaType, String data) implements ImageSource {
        public Base64 {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(data, "data");
        }

        /** The RFC 2397 data URL that OpenAI-compatible servers accept for images. */
        public String dataUrl() {
            return "data:" + mediaType + ";base64," + data;
        }
    }

    /** An image the provider fetches itself. */
    record Url(String url) implements ImageSource {
        public Url {
            Objects.requireNonNull(url, "url");
        }
    }
}
