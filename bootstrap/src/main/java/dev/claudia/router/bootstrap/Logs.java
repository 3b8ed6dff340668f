package dev.claudia.router.bootstrap;

import dev.claudia.router.adapters.http.Redactor;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.StreamHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log record on standard error (or a file): time, level, logger, message (and a stack trace
 * only for real errors). {@code LOG_LEVEL} is error, warn, info (default), debug or trace.
 * Jersey's own chatter is held at warnings unless debugging. Every line, whoever logs it (the router,
 * Jersey, the JDK), passes through the {@link Redactor} of every router started in this process.
 *
 * <p>Lines are written off the request path ({@link AsyncLogHandler}: bounded, a full queue drops
 * and counts), and a message cannot forge a line: CR, LF and other control characters in it are
 * escaped ({@code \n}, {@code \u001b}), whoever logs it.
 */
public final class Logs {

    private static volatile Redactor secrets = Redactor.none();
    private static volatile AsyncLogHandler async;

    private Logs() {}

    /** Log lines dropped because the log could not keep up, since logging was set up. */
    public static long droppedLines() {
        AsyncLogHandler handler = async;
        return handler == null ? 0 : handler.dropped();
    }

    /** Writes out what is queued (bounded); for the last lines before the process exits. */
    public static void flush() {
        AsyncLogHandler handler = async;
        if (handler != null) {
            handler.flush();
        }
    }

    /**
     * Adds these secrets to what is masked in every log line from now on, and makes sure every
     * handler of the root logger masks them, also when the router is embedded and logging was not
     * set up through {@link #configure}.
     */
    public static synchronized void mask(Redactor more) {
        secrets = secrets.and(more);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Handler writes = handler instanceof AsyncLogHandler a ? a.target() : handler;
            if (!(writes.getFormatter() instanceof Masking)) {
                writes.setFormatter(new Masking(writes.getFormatter()));
            }
        }
    }

    /** Logs to standard error (the router in the foreground). */
    public static void configure(String level) {
        install(parse(level), new StandardError(new OneLine()));
    }

    /** Logs into a file: for sessions where the terminal belongs to another program (claudia claude). */
    public static void configureFile(String level, java.nio.file.Path file) throws java.io.IOException {
        install(parse(level), new FlushingHandler(new PrintStream(new FileOutputStream(file.toFile(), true), true,
                StandardCharsets.UTF_8), new OneLine()));
    }

    private static void install(Level root, Handler handler) {
        handler.setFormatter(new Masking(handler.getFormatter()));
        LogManager.getLogManager().reset();
        Logger rootLogger = Logger.getLogger("");
        rootLogger.setLevel(root);
        handler.setLevel(Level.ALL);
        AsyncLogHandler previous = async;
        async = new AsyncLogHandler(handler);
        if (previous != null) {
            previous.close();
        }
        rootLogger.addHandler(async);
        Level libraries = root.intValue() <= Level.FINE.intValue() ? root : Level.WARNING;
        Logger.getLogger("org.glassfish").setLevel(libraries);
        Logger.getLogger("io.github.resilience4j").setLevel(libraries);
    }

    static Level parse(String level) {
        return switch (level == null ? "info" : level.toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            case "off" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    /** A stream handler that flushes every record, so a line is visible the moment it is logged. */
    private static class FlushingHandler extends StreamHandler {
        FlushingHandler(PrintStream out, Formatter formatter) {
            super(out, formatter);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }
    }

    /**
     * Standard error, never closed. (ConsoleHandler cannot be pointed at a new stream without
     * closing System.err, which would silence every later error message.)
     */
    private static final class StandardError extends FlushingHandler {
        StandardError(Formatter formatter) {
            super(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8), formatter);
        }

        @Override
        public synchronized void close() {
            flush();
        }
    }

    /** Formats with another formatter, then masks the secrets in the whole text (stack traces included). */
    private static final class Masking extends Formatter {
        private final Formatter formatter;

        Masking(Formatter formatter) {
            this.formatter = formatter == null ? new java.util.logging.SimpleFormatter() : formatter;
        }

        @Override
        public String format(LogRecord record) {
            return secrets.redact(formatter.format(record));
        }

        @Override
        public String getHead(Handler h) {
            return formatter.getHead(h);
        }

        @Override
        public String getTail(Handler h) {
            return formatter.getTail(h);
        }
    }

    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(160)
                    .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                    .append(name(record.getLevel())).append(' ')
                    .append(record.getLoggerName()).append(' ')
                    .append(escaped(formatMessage(record))).append('\n');
            if (record.getThrown() != null && record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        /** One line, whatever the message holds: CR, LF and other control characters escaped. */
        static String escaped(String message) {
            if (message == null) {
                return "null";
            }
            StringBuilder out = null;
            for (int i = 0; i < message.length(); i++) {
                char c = message.charAt(i);
                boolean control = Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029';
                if (control && out == null) {
                    out = new StringBuilder(message.length() + 16).append(message, 0, i);
                }
                if (out != null) {
                    switch (c) {
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> {
                            if (control) {
                                out.append(String.format("\\u%04x", (int) c));
                            } else {
                                out.append(c);
                            }
                        }
                    }
                }
            }
            return out == null ? message : out.toString();
        }

        private static String name(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (level.intValue() >= Level.WARNING.intValue()) {
                return "WARN ";
            }
            if (level.intValue() >= Level.INFO.intValue()) {
                return "INFO ";
            }
            return "DEBUG";
        }
    }
}
