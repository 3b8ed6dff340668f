package dev.claudia.router.adapters.provider.openai.mapping;

import dev.claudia.router.adapters.provider.openai.dialect.SignedToolIds;
import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.IdGenerator;
import dev.claudia.router.domain.port.ProviderException;
import dev.claudia.router.domain.port.ProviderFailure;
import dev.claudia.router.provider.support.ToolArguments;

import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finishes the tool calls of one answer: ids that are missing, numeric (some OpenRouter providers
 * send "0", "1") or repeated are replaced with fresh {@code toolu_} ids, since the client echoes
 * ids back in tool results and they must be unique; a call that came with a provider signature
 * (Gemini) gets an id that carries it, and an id with characters Anthropic does not allow in tool-use
 * ids is carried in one that it allows ({@link SignedToolIds}); a name the dialect shortened gets
 * its original back; arguments become a JSON object or a clear error.
 */
public final class ToolCalls {

    private static final int EXCERPT = 120;

    private final IdGenerator ids;
    private final String backend;
    private final UnaryOperator<String> names;
    private final Set<String> used = new HashSet<>();

    public ToolCalls(IdGenerator ids, String backend) {
        this(ids, backend, UnaryOperator.identity());
    }

    /** @param names the client's name for a name the provider used */
    public ToolCalls(IdGenerator ids, String backend, UnaryOperator<String> names) {
        this.ids = ids;
        this.backend = backend;
        this.names = names;
    }

    /** The call as a domain block; a missing name or arguments beyond repair are a {@code MALFORMED_RESPONSE}. */
    public ContentBlock.ToolUse finish(String id, String name, String arguments) {
        return finish(id, name, arguments, null);
    }

    /** @param signature the provider's signature for the call, carried in the id; null when none */
    public ContentBlock.ToolUse finish(String id, String name, String arguments, String signature) {
        if (name == null || name.isEmpty()) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' returned a tool call without a name (arguments: " + excerpt(arguments) + ")"));
        }
        String original = names.apply(name);
        String input = ToolArguments.normalize(arguments).orElseThrow(() -> new ProviderException(ProviderFailure.of(
                FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend + "' returned arguments for tool '"
                        + original + "' that are not valid JSON and could not be repaired: " + excerpt(arguments))));
        String chosen = uniqueId(id, signature != null);
        return new ContentBlock.ToolUse(signature == null ? chosen : SignedToolIds.encode(chosen, signature), original,
                new RawJson(input));
    }

    private String uniqueId(String id, boolean signed) {
        boolean usable = id != null && !id.isBlank() && !id.chars().allMatch(Character::isDigit);
        String chosen = !usable ? ids.toolUseId() : SignedToolIds.safe(id) ? id : signed ? ids.toolUseId()
                : SignedToolIds.carry(id);
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
