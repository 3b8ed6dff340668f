package dev.claudia.router.application;

import dev.claudia.router.domain.message.ContentBlock;
import dev.claudia.router.domain.message.Message;
import dev.claudia.router.domain.message.Role;
import dev.claudia.router.domain.message.Warning;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes one line per request, in logfmt, to the {@code claudia.request} logger: request id,
 * endpoint, requested model, the client's session and subagent (when it names them), backend and
 * provider model, routing rule ({@code +sticky} when the session's earlier route was kept), status, latency, tokens,
 * attempts, and what was dropped. The prompt is never logged unless {@code logPrompts} is on
 * (then only the last user text, cut to 200 characters). Secrets never get here: requests carry
 * no keys, and provider failures are worded without them.
 *
 * <p>Values come from clients and providers (model names, field names of a request, error texts),
 * so none can forge a line: a value with spaces, quotes, {@code =} or any control character is
 * quoted, with CR, LF and the other control characters escaped. The "dropped" warnings logged
 * once per kind of field are bounded too: field names are the client's to choose, so after
 * {@value #MAX_WARNED_FIELDS} kinds the rest are not logged separately (each request's line still
 * lists what it dropped).
 */
public final class RequestLog {

    private static final Logger REQUESTS = System.getLogger("claudia.request");
    private static final Logger WARNINGS = System.getLogger("claudia.dropped");
    private static final int PROMPT_CHARS = 200;
    static final int MAX_WARNED_FIELDS = 256;

    private final boolean logPrompts;
    private final LongSupplier nanoClock;
    private final Set<String> warnedFields = ConcurrentHashMap.newKeySet();

    private final Consumer<String> dropWarnings;

    public RequestLog(boolean logPrompts, LongSupplier nanoClock) {
        this(logPrompts, nanoClock, message -> WARNINGS.log(Level.WARNING, message));
    }

    /** With the once-per-kind "dropped" warnings going to {@code dropWarnings}. */
    RequestLog(boolean logPrompts, LongSupplier nanoClock, Consumer<String> dropWarnings) {
        this.logPrompts = logPrompts;
        this.nanoClock = nanoClock;
        this.dropWarnings = dropWarnings;
    }

    public static RequestLog standard(boolean logPrompts) {
        return new RequestLog(logPrompts, System::nanoTime);
    }

    /** Starts the trace of one request. */
    public RequestTrace start(String requestId, String endpoint) {
        return new RequestTrace(this, requestId, endpoint, nanoClock.getAsLong());
    }

    public long now() {
        return nanoClock.getAsLong();
    }

    /** Logs the first time, per process, that a kind of field is dropped; the request lines list every drop. */
    void firstDrop(Warning warning) {
        if (warnedFields.size() >= MAX_WARNED_FIELDS) {
            return;
        }
        if (warnedFields.add(warning.field())) {
            if (warnedFields.size() == MAX_WARNED_FIELDS) {
                dropWarnings.accept("more than " + MAX_WARNED_FIELDS + " kinds of dropped fields: further kinds "
                        + "are not logged separately (each request line lists what it dropped)");
                return;
            }
            dropWarnings.accept("dropped " + quoted(warning.field()) + ": " + warning.reason()
                    + " (logged once; each request line lists what it dropped)");
        }
    }

    void write(RequestTrace trace) {
        RequestTrace.Snapshot s = trace.snapshot(nanoClock.getAsLong());
        Level level = s.status() >= 500 ? Level.WARNING : Level.INFO;
        if (REQUESTS.isLoggable(level)) {
            REQUESTS.log(level, format(s));
        }
    }

    String format(RequestTrace.Snapshot s) {
        StringBuilder line = new StringBuilder(256);
        line.append(s.requestId()).append(' ').append(s.endpoint());
        if (s.request() != null) {
            field(line, "model", s.request().model());
            field(line, "stream", String.valueOf(s.request().stream()));
            if (s.request().client().sessionId() != null) {
                field(line, "session", s.request().client().sessionId());
            }
            if (s.request().client().agentId() != null) {
                field(line, "agent", s.request().client().agentId());
            }
        }
        if (s.route() != null) {
            field(line, "backend", s.route().backend());
            field(line, "target", s.route().providerModel());
            field(line, "rule", s.rule());
        }
        field(line, "status", String.valueOf(s.status()));
        if (s.errorType() != null) {
            field(line, "error", s.errorType());
        }
        field(line, "latency_ms", String.valueOf(s.latencyMillis()));
        if (s.firstEventMillis() >= 0) {
            field(line, "first_event_ms", String.valueOf(s.firstEventMillis()));
        }
        if (s.usage() != null) {
            field(line, "in", String.valueOf(s.usage().totalInputTokens()));
            field(line, "out", String.valueOf(s.usage().outputTokens()));
            if (s.usage().estimated()) {
                field(line, "usage", "estimated");
            }
        }
        if (s.stopReason() != null) {
            field(line, "stop", s.stopReason().wireName());
        }
        if (s.attempts() > 0) {
            field(line, "attempts", String.valueOf(s.attempts()));
        }
        if (!s.failures().isEmpty()) {
            field(line, "failures", String.join(",", s.failures()));
        }
        if (!s.dropped().isEmpty()) {
            field(line, "dropped", String.join(",", s.dropped()));
        }
        if (logPrompts && s.request() != null) {
            line.append(" prompt=").append(quote(lastUserText(s.request().messages())));
        }
        return line.toString();
    }

    private static void field(StringBuilder line, String key, String value) {
        line.append(' ').append(key).append('=').append(quoted(value));
    }

    /** The value as logfmt: bare when it is plain, else quoted and escaped. */
    static String quoted(String value) {
        if (value.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\' || Character.isISOControl(c) || c == '\u2028'
                    || c == '\u2029') {
                return quote(value);
            }
        }
        return value;
    }

    private static String lastUserText(java.util.List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.role() == Role.USER) {
                StringBuilder text = new StringBuilder();
                for (ContentBlock b : m.content()) {
                    if (b instanceof ContentBlock.Text t) {
                        text.append(t.text());
                    }
                }
                return text.length() > PROMPT_CHARS ? text.substring(0, PROMPT_CHARS) + "..." : text.toString();
            }
        }
        return "";
    }

    private static String quote(String value) {
        StringBuilder q = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
