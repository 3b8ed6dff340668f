package dev.claudia.router.adapters.provider.responses.mapping;

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
 * Finishes the {@code function_call} items of one answer as tool uses. The tool-use id is the
 * item's {@code call_id}: the client echoes it in its tool result, which goes back as the
 * {@code function_call_output}'s {@code call_id}, so the pair matches upstream without any state
 * here. A missing or repeated call id gets a fresh {@code toolu_} id (ids must be unique); a call
 * without a name, or arguments beyond repair, is a malformed answer, never a tool run with
 * {@code {}}.
 */
public final class FunctionCalls {

    private final IdGenerator ids;
    private final String backend;
    private final Set<String> used = new HashSet<>();

    public FunctionCalls(IdGenerator ids, String backend) {
        this.ids = ids;
        this.backend = backend;
    }

    public ContentBlock.ToolUse finish(String callId, String name, String arguments) {
        if (name == null || name.isEmpty()) {
            throw new ProviderException(ProviderFailure.of(FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend
                    + "' returned a function call without a name (arguments: " + ResponsesJson.excerpt(arguments, 120) + ")"));
        }
        String input = ToolArguments.normalize(arguments).orElseThrow(() -> new ProviderException(ProviderFailure.of(
                FailureKind.MALFORMED_RESPONSE, backend, "backend '" + backend + "' returned arguments for function '"
                        + name + "' that are not valid JSON and could not be repaired: "
                        + ResponsesJson.excerpt(arguments, 120))));
        String id = callId == null || callId.isBlank() ? ids.toolUseId() : callId;
        while (!used.add(id)) {
            id = ids.toolUseId();
        }
        return new ContentBlock.ToolUse(id, name, new RawJson(input));
    }
}
