package dev.claudia.router.systemtests.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Keeps what the system tests saw of the routers under {@code system-tests/target/secret-scan/}, for
 * {@link SecretScanner} to search after the run: every answer the shared clients read (status,
 * headers, body; {@link RecordingClient}, {@link dev.claudia.router.systemtests.RawHttp}) in {@code responses.txt}, the in-process routers' log lines in {@code in-process.log}
 * (a handler on the root logger, which the router masks like any other), and each child router's or
 * command's output in a file of its own.
 */
public final class Recorder {

    public static final String DIR_PROPERTY = "secret.scan.dir";
    private static final AtomicInteger FILES = new AtomicInteger();
    private static volatile boolean logging;

    private Recorder() {}

    public static Path dir() {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "target/secret-scan")).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer (from {@link RecordingClient}, a raw socket, a client's own output), as text. */
    public static void response(String what, String text) {
        append("responses.txt", "### " + what + "\n" + text + "\n");
    }

    /** A new file for a child process's output, kept after the run. */
    public static Path newFile(String prefix, String suffix) {
        return dir().resolve(prefix + "-" + ProcessHandle.current().pid() + "-" + FILES.incrementAndGet() + suffix);
    }

    /** Keeps a copy of a log a router wrote elsewhere (a temporary folder the test deletes). */
    public static void copyLog(String prefix, Path log) {
        if (Files.isRegularFile(log)) {
            try {
                Files.copy(log, newFile(prefix, ".log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Records every log line of this JVM from now on. Called by the in-process starters before a
     * router starts, so the router's masking (which wraps every root handler's formatter) covers it.
     */
    public static synchronized void recordInProcessLogs() {
        if (logging) {
            return;
        }
        try {
            Handler handler = new StreamHandler(Files.newOutputStream(dir().resolve("in-process-" + ProcessHandle.current().pid()
                    + ".log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND), new Formatter() {
                @Override
                public String format(LogRecord record) {
                    String line = record.getMillis() + " " + record.getLevel() + " " + record.getLoggerName() + " "
                            + formatMessage(record) + '\n';
                    if (record.getThrown() != null) {
                        java.io.StringWriter trace = new java.io.StringWriter();
                        record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                        line += trace;
                    }
                    return line;
                }
            }) {
                @Override
                public synchronized void publish(LogRecord record) {
                    super.publish(record);
                    flush();
                }
            };
            handler.setLevel(Level.ALL);
            handler.setEncoding(StandardCharsets.UTF_8.name());
            Logger.getLogger("").addHandler(handler);
            logging = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void append(String file, String text) {
        try {
            Files.writeString(dir().resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
