package dev.claudia.router.bootstrap;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches config.json and calls back once an edit has settled. A {@link WatchService} on the file's
 * directory (an editor that saves by writing a new file and renaming it over the old one replaces
 * the file, which a watch on the file itself would lose); events for the file are gathered until
 * none has come for the debounce time (editors write in several steps); and the callback runs only
 * when the file's bytes changed (a {@code touch}, or a save without changes, does nothing). When the
 * config is a symbolic link, the directory of its target is watched too.
 */
final class ConfigWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("claudia.config");

    private final Path file;
    private final Runnable changed;
    private final long debounceNanos;
    private final WatchService watcher;
    private final Set<Path> names = new LinkedHashSet<>();
    private final Thread thread;
    private byte[] lastDigest;
    private volatile boolean closed;

    ConfigWatcher(Path file, Runnable changed, Duration debounce) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.changed = changed;
        this.debounceNanos = debounce.toNanos();
        this.lastDigest = digest();
        this.watcher = this.file.getFileSystem().newWatchService();
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(this.file.getParent());
        names.add(this.file.getFileName());
        if (Files.isSymbolicLink(this.file)) {
            Path target = this.file.toRealPath();
            dirs.add(target.getParent());
            names.add(target.getFileName());
        }
        for (Path dir : dirs) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        this.thread = Thread.ofPlatform().daemon().name("claudia-config-watch").start(this::run);
    }

    private void run() {
        long settleAt = 0;
        while (!closed) {
            try {
                WatchKey key = settleAt == 0 ? watcher.take() : watcher.poll(Math.max(1, settleAt - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (key != null) {
                    if (concernsTheFile(key)) {
                        settleAt = System.nanoTime() + debounceNanos; // wait for the editor to finish
                    }
                    key.reset();
                    continue;
                }
                if (settleAt != 0 && System.nanoTime() >= settleAt) {
                    settleAt = 0;
                    fire();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "config reload failed: " + e);
            }
        }
    }

    private boolean concernsTheFile(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW
                    || event.context() instanceof Path name && names.contains(name);
        }
        return ours;
    }

    private void fire() {
        byte[] now = digest();
        if (now != null && Arrays.equals(now, lastDigest)) {
            return; // touched or saved unchanged
        }
        lastDigest = now;
        changed.run();
    }

    /** The file's SHA-256, or null while it does not exist. */
    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
    }
}
