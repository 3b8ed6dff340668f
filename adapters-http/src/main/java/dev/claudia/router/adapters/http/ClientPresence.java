package dev.claudia.router.adapters.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Notices a client that left while the router prepares its answer (a whole answer from a slow
 * model, a retry's backoff, a queue for a busy backend), so the provider call is cancelled instead of
 * running on for nobody. The JDK HTTP server cannot tell: it does not read a connection while its
 * request is being handled, and a closed connection is only seen when a write fails, which for a
 * whole answer is at its very end. The kernel knows, though: the router's end of a connection whose
 * client closed it is in {@code CLOSE_WAIT} (or gone, after a reset). On Linux this watcher reads
 * the kernel's table of TCP connections ({@code /proc/net/tcp} and {@code tcp6}) every
 * {@value #PERIOD_MS} ms while any request is watched, and calls the watch's hook once its
 * connection is no longer established. Elsewhere nothing is watched; streams are covered either way
 * by their pings.
 */
public final class ClientPresence implements AutoCloseable {

    static final long PERIOD_MS = 250;
    private static final System.Logger LOG = System.getLogger("claudia.http");
    private static final Path[] TABLES = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};
    /** TCP states (include/net/tcp_states.h) in which the client has gone: FIN received, or the socket closing. */
    private static final Set<Integer> GONE = Set.of(0x06, 0x07, 0x08, 0x09, 0x0B);
    private static final int ESTABLISHED = 0x01;

    private final Map<Watch, Boolean> watched = new ConcurrentHashMap<>();
    private final boolean supported;
    private final ScheduledExecutorService ticker;

    public ClientPresence() {
        this.supported = Files.isReadable(TABLES[0]);
        this.ticker = supported ? BlockingIo.ticker("claudia-presence", PERIOD_MS, this::tick) : null;
    }

    /** True where the kernel's table can be read (Linux). */
    public boolean supported() {
        return supported;
    }

    /** Watches {@code connection} until the returned watch is closed; {@code onGone} runs at most once. */
    public Watch watch(ClientConnection connection, Runnable onGone) {
        Watch watch = new Watch(connection, onGone);
        if (supported && connection != null) {
            watched.put(watch, Boolean.TRUE);
        }
        return watch;
    }

    private void tick() {
        if (watched.isEmpty()) {
            return;
        }
        Set<Integer> ports = new HashSet<>();
        for (Watch watch : watched.keySet()) {
            ports.add(watch.key.localPort());
        }
        Map<Key, Integer> states;
        try {
            states = read(ports);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "could not read the TCP table: " + e);
            return;
        }
        for (Watch watch : watched.keySet()) {
            Integer state = states.get(watch.key);
            if (state != null && state == ESTABLISHED) {
                watch.seen = true;
            } else if (state != null && GONE.contains(state) || state == null && watch.seen) {
                watched.remove(watch);
                watch.gone();
            }
        }
    }

    /**
     * The states of the connections on {@code localPorts} (the router's listening ports). The table
     * lists every TCP connection of the machine, often thousands, read four times a second while
     * requests are watched: lines on other ports are skipped after their local port is read.
     */
    private static Map<Key, Integer> read(Set<Integer> localPorts) throws IOException {
        Map<Key, Integer> states = new HashMap<>();
        int[] f = new int[8];
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
                if (!fields(line, f) || line.charAt(f[1] - 1) != ':') {
                    continue; // the header line
                }
                int colon = line.indexOf(':', f[2]);
                if (colon < 0 || colon >= f[3] || !localPorts.contains(hexOrMinus(line, colon + 1, f[3]))) {
                    continue; // another port's connection: nothing of it is copied
                }
                Key key = key(line.substring(f[2], f[3]), line.substring(f[4], f[5]));
                if (key != null) {
                    states.put(key, Integer.parseInt(line, f[6], f[7], 16));
                }
            }
        }
        return states;
    }

    /**
     * Where the first four space-separated fields of a table line (slot, local, remote, state) start
     * and end, as pairs in {@code spans}; false for a shorter line.
     */
    static boolean fields(String line, int[] spans) {
        int i = 0;
        int length = line.length();
        for (int n = 0; n < 4; n++) {
            while (i < length && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < length && line.charAt(i) != ' ') {
                i++;
            }
            if (start == i) {
                return false;
            }
            spans[2 * n] = start;
            spans[2 * n + 1] = i;
        }
        return true;
    }

    private static int hexOrMinus(String text, int from, int to) {
        try {
            return Integer.parseInt(text, from, to, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code 0100007F:1F92} (IPv4) or 32 hex digits (IPv6), each 32-bit word in the host's (little-endian) order. */
    static Key key(String local, String remote) {
        int l = local.indexOf(':');
        int r = remote.indexOf(':');
        if (l < 0 || r < 0) {
            return null;
        }
        InetAddress remoteAddress = address(remote.substring(0, r));
        return remoteAddress == null ? null : new Key(Integer.parseInt(local.substring(l + 1), 16), remoteAddress,
                Integer.parseInt(remote.substring(r + 1), 16));
    }

    private static InetAddress address(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) (value >>> (8 * b)); // little-endian word
            }
        }
        try {
            return InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address comes back as the IPv4 one
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        watched.clear();
    }

    /** A connection's identity in the kernel's table, seen from the router's end. */
    record Key(int localPort, InetAddress remoteAddress, int remotePort) {}

    /** One request's watch; close it when the answer is ready (or the stream's pings take over). */
    public final class Watch implements AutoCloseable {
        private final Key key;
        private final Runnable onGone;
        private volatile boolean seen;

        private Watch(ClientConnection connection, Runnable onGone) {
            this.key = connection == null ? null : new Key(connection.local().getPort(),
                    connection.remote().getAddress(), connection.remote().getPort());
            this.onGone = onGone;
        }

        private void gone() {
            onGone.run();
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
