package dev.claudia.router.bootstrap.check;

import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;

/**
 * The requests {@code claudia check} sends, as a client sends them (Anthropic Messages bodies): tiny
 * prompts and small {@code max_tokens}, so a profile costs a few hundred tokens. The three streamed
 * ones are streamed because Claude Code streams everything, tools and thinking included. The
 * thinking probe needs {@code max_tokens} above Anthropic's smallest budget (1024); a one-line sum
 * uses a small part of it.
 */
public enum Probe {
    TEXT(false, 96, """
            {"model":%s,"max_tokens":96,"messages":[{"role":"user","content":"Reply with the single word: pong"}]}"""),
    STREAM(true, 96, """
            {"model":%s,"max_tokens":96,"stream":true,\
            "messages":[{"role":"user","content":"Count from 1 to 5, separated by spaces."}]}"""),
    TOOLS(true, 192, """
            {"model":%s,"max_tokens":192,"stream":true,\
            "tools":[{"name":"get_weather","description":"The current weather in a city.",\
            "input_schema":{"type":"object","properties":{"city":{"type":"string","description":"The city's name"}},\
            "required":["city"]}}],\
            "tool_choice":{"type":"tool","name":"get_weather"},\
            "messages":[{"role":"user","content":"What is the weather in Paris?"}]}"""),
    THINKING(true, 1088, """
            {"model":%s,"max_tokens":1088,"stream":true,"thinking":{"type":"enabled","budget_tokens":1024},\
            "messages":[{"role":"user","content":"What is 17 + 25? Answer with the number only."}]}""");

    /** The tool the tools probe asks for, and the argument it must carry. */
    public static final String TOOL = "get_weather";
    public static final String TOOL_ARGUMENT = "city";
    /** What a client says its API version is. */
    public static final String ANTHROPIC_VERSION = "2023-06-01";

    private final boolean stream;
    private final int maxTokens;
    private final String template;

    Probe(boolean stream, int maxTokens, String template) {
        this.stream = stream;
        this.maxTokens = maxTokens;
        this.template = template;
    }

    public boolean stream() {
        return stream;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The request body for a profile, named as a client names it (its alias). */
    public byte[] body(String alias) {
        return template.formatted(TextNode.valueOf(alias).toString()).getBytes(StandardCharsets.UTF_8);
    }

    /** The most output tokens all probes together may spend on one profile. */
    public static int maxOutputTokens() {
        int sum = 0;
        for (Probe probe : values()) {
            sum += probe.maxTokens;
        }
        return sum;
    }
}
