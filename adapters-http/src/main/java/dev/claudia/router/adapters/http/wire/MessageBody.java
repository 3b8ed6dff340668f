package dev.claudia.router.adapters.http.wire;

import java.util.List;

/**
 * A Messages API response ({@code type: "message"}). Fields the SDKs declare but the router never
 * fills are sent as null rather than omitted, so strict clients see the shape they expect.
 *
 * @see <a href="https://docs.claude.com/en/api/messages">Create a Message</a>
 */
public record MessageBody(String id, String type, String role, String model, List<BlockBody> content,
                          String stopReason, String stopSequence, Object stopDetails, Object container,
                          UsageBody usage) {
}
