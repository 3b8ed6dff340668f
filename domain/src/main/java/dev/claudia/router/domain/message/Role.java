package dev.claudia.router.domain.message;

/**
 * Who speaks in a turn. {@link #SYSTEM} is a mid-conversation system message (Anthropic's
 * {@code SystemMessageParam}, sent by Claude Code inside {@code messages}); the leading system
 * prompt is {@link MessageRequest#system()}.
 */
public enum Role {
    USER, ASSISTANT, SYSTEM
}
