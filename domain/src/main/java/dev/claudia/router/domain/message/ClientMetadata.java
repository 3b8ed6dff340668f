package dev.claudia.router.domain.message;

/**
 * What the calling client says about itself, beside the request body: Claude Code names its session
 * on every request ({@code x-claude-code-session-id}) and its subagents ({@code x-claude-code-agent-id},
 * {@code x-claude-code-parent-agent-id} for nested ones). Each value is null when not sent. The
 * inbound adapter fills it from headers; the application uses it for session affinity and routing.
 *
 * @param sessionId     the client's conversation session
 * @param agentId       the subagent that sends the request; null for the main loop
 * @param parentAgentId the subagent that started this one; null unless nested
 */
public record ClientMetadata(String sessionId, String agentId, String parentAgentId) {

    public static final ClientMetadata NONE = new ClientMetadata(null, null, null);

    public ClientMetadata {
        sessionId = blankToNull(sessionId);
        agentId = blankToNull(agentId);
        parentAgentId = blankToNull(parentAgentId);
    }

    /** True when the client marked the request as a subagent's. */
    public boolean isSubagent() {
        return agentId != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
