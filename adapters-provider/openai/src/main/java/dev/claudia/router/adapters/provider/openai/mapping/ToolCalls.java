package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.support.ToolArguments;

import java.util.HashSet;
import java.util.Set;

/**
 * Finishes the tool calls of one answer: ids that are missing, numeric (some OpenRouter providers
 * send "0", "1") or repeated are replaced with fresh {@code toolu_} ids, since the client echoes
 * ids back in tool results and they must be unique; arguments become a JSON object or a clear
 * error.
 */
public final class ToolCalls {

    private static final int EXCERPT = 120;

    private final IdGenerator ids;
    private final String backend;
    private final Set<String> used = new HashSet<>();

    public ToolCalls(IdGenerator ids, String backend) {
        this.ids = ids;
        this.backend = backend;
    }

    /** The call as a domain block; a missing name or arguments beyond repair are a {@code MALFORMED_RESPONSE}. */
    public ContentBlock.ToolUse finish(String id, String name, String arguments) {
        if (name == null || name.isEmpty()) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' returned a tool call without a name (arguments: " + excerpt(arguments) + ")"));
        }
        String input = ToolArguments.normalize(arguments).orElseThrow(() -> new ProviderException(ProviderFailure.of(
                FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend + "' returned arguments for tool '"
                        + name + "' that are not valid JSON and could not be repaired: " + excerpt(arguments))));
        return new ContentBlock.ToolUse(uniqueId(id), name, new RawJson(input));
    }

    private String uniqueId(String id) {
        String chosen = id == null || id.isBlank() || id.chars().allMatch(Character::isDigit) ? ids.toolUseId() : id;
        while (!used.add(chosen)) {
            chosen = ids.toolUseId();
        }
        return chosen;
    }

    private static String excerpt(String text) {
        String t = text == null ? "" : text;
        return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "...";
    }
}
