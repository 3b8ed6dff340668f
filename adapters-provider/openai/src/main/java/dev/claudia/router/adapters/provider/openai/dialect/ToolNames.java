package dev.claudia.router.adapters.provider.openai.dialect;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.ToolDefinition;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The tool names of one request, as the client knows them and as the provider sees them. The short
 * form is a pure function of the name ({@link NameRule#shorten}), so the map is rebuilt from each
 * request's tools and history rather than remembered: what the model calls by a short name comes
 * back to the client under the name it defined.
 */
public final class ToolNames {

    private final NameRule rule;
    private final Map<String, String> original = new HashMap<>();
    private final Set<String> offered = new HashSet<>();

    private ToolNames(NameRule rule) {
        this.rule = rule;
    }

    /** Names as they are: for providers without a rule. */
    public static ToolNames unchanged() {
        return new ToolNames(NameRule.ANY);
    }

    public static ToolNames of(MessageRequest request, NameRule rule) {
        ToolNames names = new ToolNames(rule);
        for (ToolDefinition tool : request.tools()) {
            if (tool instanceof ToolDefinition.Function f) {
                names.offered.add(names.upstream(f.name()));
            }
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolUse use) {
                    names.upstream(use.name());
                }
            }
        }
        return names;
    }

    /** The name the provider gets for a tool the client named {@code name}. */
    public String upstream(String name) {
        String shortName = rule.shorten(name);
        original.putIfAbsent(shortName, name);
        return shortName;
    }

    /** The client's name for what the provider called {@code upstream}; unknown names pass unchanged. */
    public String original(String upstream) {
        return upstream == null ? null : original.getOrDefault(upstream, upstream);
    }

    /** True when the request offers a function the provider knows as {@code upstream}. */
    public boolean offered(String upstream) {
        return offered.contains(upstream);
    }
}
