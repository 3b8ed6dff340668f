package dev.claudia.router.adapters.provider.openai.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The ways models print a tool call as text, each with its markers and how to read what is between them. */
enum TextCallFormat {
    /** Qwen, Hermes: {@code <tool_call>{"name": .., "arguments": {..}}</tool_call>}, or Qwen3-Coder's {@code <function=..>} inside. */
    TOOL_CALL("<tool_call>", "</tool_call>") {
        @Override
        List<TextToolCalls.Piece.Call> parse(String body) {
            String text = body.strip();
            return text.startsWith("<function=") ? functionTags(text) : json(text);
        }
    },
    /**
     * DeepSeek's chat template: {@code <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{args}<｜tool▁call▁end｜>...},
     * or in V3's form {@code function<｜tool▁sep｜>NAME\n```json\n{args}\n```}.
     */
    DEEPSEEK("<｜tool▁calls▁begin｜>", "<｜tool▁calls▁end｜>") {
        @Override
        List<TextToolCalls.Piece.Call> parse(String body) {
            List<TextToolCalls.Piece.Call> calls = new ArrayList<>();
            for (int at = body.indexOf(CALL_BEGIN); at >= 0; at = body.indexOf(CALL_BEGIN, at + 1)) {
                int sep = body.indexOf(SEP, at);
                int end = body.indexOf(CALL_END, at);
                if (sep < 0 || sep > (end < 0 ? body.length() : end)) {
                    return null;
                }
                String head = body.substring(at + CALL_BEGIN.length(), sep).strip();
                String rest = body.substring(sep + SEP.length(), end < 0 ? body.length() : end).strip();
                if (head.equals("function")) {
                    int newline = rest.indexOf('\n');
                    head = (newline < 0 ? rest : rest.substring(0, newline)).strip();
                    rest = newline < 0 ? "" : unfence(rest.substring(newline + 1));
                }
                calls.add(new TextToolCalls.Piece.Call(head, rest.isEmpty() ? "{}" : rest));
            }
            return calls;
        }
    },
    /** A fenced block holding a call object (or a list of them). */
    FENCED_JSON("```json", "```") {
        @Override
        List<TextToolCalls.Piece.Call> parse(String body) {
            return json(body.strip());
        }
    },
    FENCED_TOOL_CALL("```tool_call", "```") {
        @Override
        List<TextToolCalls.Piece.Call> parse(String body) {
            return json(body.strip());
        }
    };

    private static final String CALL_BEGIN = "<｜tool▁call▁begin｜>";
    private static final String CALL_END = "<｜tool▁call▁end｜>";
    private static final String SEP = "<｜tool▁sep｜>";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String open;
    private final String close;

    TextCallFormat(String open, String close) {
        this.open = open;
        this.close = close;
    }

    String open() {
        return open;
    }

    String close() {
        return close;
    }

    /** The calls in the text between the markers, or null when it is not a call after all. */
    abstract List<TextToolCalls.Piece.Call> parse(String body);

    /** {@code [position, format ordinal]} of the first opening marker in {@code text}, or null. */
    static int[] earliestOpening(CharSequence text) {
        int[] best = null;
        String s = text.toString();
        for (TextCallFormat f : values()) {
            int at = s.indexOf(f.open);
            if (at >= 0 && (best == null || at < best[0])) {
                best = new int[] {at, f.ordinal()};
            }
        }
        return best;
    }

    /** How many trailing characters of {@code text} could begin an opening marker. */
    static int partialOpening(CharSequence text) {
        int keep = 0;
        for (TextCallFormat f : values()) {
            for (int n = Math.min(f.open.length() - 1, text.length()); n > keep; n--) {
                if (f.open.startsWith(text.subSequence(text.length() - n, text.length()).toString())) {
                    keep = n;
                    break;
                }
            }
        }
        return keep;
    }

    /** {@code {"name", "arguments" | "parameters"}} or a list of such objects. */
    static List<TextToolCalls.Piece.Call> json(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
        List<TextToolCalls.Piece.Call> calls = new ArrayList<>();
        for (JsonNode call : node != null && node.isArray() ? node : List.of(node == null ? JSON.nullNode() : node)) {
            JsonNode name = call.get("name");
            JsonNode args = call.has("arguments") ? call.get("arguments") : call.get("parameters");
            if (name == null || !name.isTextual() || args == null || !(args.isObject() || args.isTextual())) {
                return null;
            }
            calls.add(new TextToolCalls.Piece.Call(name.textValue(), args.isTextual() ? args.textValue() : args.toString()));
        }
        return calls;
    }

    /** Qwen3-Coder: {@code <function=NAME><parameter=KEY>VALUE</parameter>...</function>}. */
    static List<TextToolCalls.Piece.Call> functionTags(String text) {
        List<TextToolCalls.Piece.Call> calls = new ArrayList<>();
        for (int at = text.indexOf("<function="); at >= 0; at = text.indexOf("<function=", at + 1)) {
            int nameEnd = text.indexOf('>', at);
            int end = text.indexOf("</function>", at);
            if (nameEnd < 0) {
                return null;
            }
            String name = text.substring(at + "<function=".length(), nameEnd).strip();
            String params = text.substring(nameEnd + 1, end < 0 ? text.length() : end);
            var args = JSON.createObjectNode();
            for (int p = params.indexOf("<parameter="); p >= 0; p = params.indexOf("<parameter=", p + 1)) {
                int keyEnd = params.indexOf('>', p);
                int valueEnd = params.indexOf("</parameter>", p);
                if (keyEnd < 0 || valueEnd < keyEnd) {
                    return null;
                }
                String value = trimNewline(params.substring(keyEnd + 1, valueEnd));
                args.set(params.substring(p + "<parameter=".length(), keyEnd).strip(), value(value));
            }
            calls.add(new TextToolCalls.Piece.Call(name, args.toString()));
        }
        return calls;
    }

    /** Objects, arrays, numbers and booleans are taken as JSON; anything else is a string. */
    private static JsonNode value(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && (node.isContainerNode() || node.isNumber() || node.isBoolean())) {
                return node;
            }
        } catch (IOException notJson) {
            // a plain string
        }
        return JSON.getNodeFactory().textNode(text);
    }

    private static String trimNewline(String text) {
        String t = text.startsWith("\n") ? text.substring(1) : text;
        return t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
    }

    private static String unfence(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int newline = t.indexOf('\n');
            t = newline < 0 ? "" : t.substring(newline + 1);
        }
        if (t.endsWith("```")) {
            t = t.substring(0, t.length() - 3);
        }
        return t.strip();
    }
}
