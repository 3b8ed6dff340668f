package dev.claudia.router.application;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.MessageRequest;
import dev.claudia.router.domain.message.ToolDefinition;

import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * A scenario routing rule from config.json ({@code routingRules}): requests matching {@code when}
 * go to {@code profile}'s routes instead of their own. Rules are tried in order; the first match
 * wins and is named in the request's log line ({@code rule=rule:<name>}).
 */
public record RoutingRule(String name, Condition when, String profile) {

    public RoutingRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(profile, "profile");
    }

    /** What a request must look like for the rule to apply. */
    public sealed interface Condition {

        boolean matches(MessageRequest request, IntSupplier promptTokens);

        /** The requested model name matches (regex, anywhere): e.g. Claude Code's small/fast model for background work. */
        record ModelMatches(Pattern pattern) implements Condition {
            @Override
            public boolean matches(MessageRequest request, IntSupplier promptTokens) {
                return pattern.matcher(request.model()).find();
            }
        }

        /** The caller asked for extended thinking (enabled or adaptive). */
        record Thinking() implements Condition {
            @Override
            public boolean matches(MessageRequest request, IntSupplier promptTokens) {
                return request.wantsThinking();
            }
        }

        /** The prompt is at least this many tokens (counted once per request, only when such a rule exists). */
        record MinInputTokens(int tokens) implements Condition {
            @Override
            public boolean matches(MessageRequest request, IntSupplier promptTokens) {
                return promptTokens.getAsInt() >= tokens;
            }
        }

        /** The request carries Anthropic's web search server tool (Claude Code's WebSearch sub-requests do). */
        record WebSearch() implements Condition {
            @Override
            public boolean matches(MessageRequest request, IntSupplier promptTokens) {
                return request.tools().stream().anyMatch(t -> t instanceof ToolDefinition.Server s && s.isWebSearch());
            }
        }

        /** The system prompt matches (regex, anywhere). */
        record SystemMatches(Pattern pattern) implements Condition {
            @Override
            public boolean matches(MessageRequest request, IntSupplier promptTokens) {
                for (ContentBlock.Text block : request.system()) {
                    if (pattern.matcher(block.text()).find()) {
                        return true;
                    }
                }
                return false;
            }
        }

        /**
         * A Claude Code subagent (Agent/Task tool) request. Claude Code names the subagent in a
         * header ({@code x-claude-code-agent-id}, in {@link MessageRequest#client()}), which
         * decides; for clients that send no such header, the system prompt is the fallback: a
         * subagent's introduces "an agent for Claude Code" where the main loop's does not.
         */
        record Subagent() implements Condition {
            static final Pattern MARKER = Pattern.compile("You are an agent for Claude Code");

            @Override
            public boolean matches(MessageRequest request, IntSupplier promptTokens) {
                return request.client().isSubagent() || new SystemMatches(MARKER).matches(request, promptTokens);
            }
        }

        /** Every condition holds (a {@code when} object with several keys). */
        record AllOf(List<Condition> all) implements Condition {
            public AllOf {
                all = List.copyOf(all);
            }

            @Override
            public boolean matches(MessageRequest request, IntSupplier promptTokens) {
                for (Condition c : all) {
                    if (!c.matches(request, promptTokens)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }
}
