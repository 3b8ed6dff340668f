package dev.claudia.router.adapters.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's TCP table tells the router that a client left while its answer was being prepared. */
class ClientPresenceTest {

    @Test
    void reads_the_kernels_address_notation() {
        ClientPresence.Key key = ClientPresence.key("0100007F:1F92", "0100007F:D431");
        assertEquals(new ClientPresence.Key(8082, InetAddress.getLoopbackAddress(), 0xD431), key);
        // tcp6: ::ffff:127.0.0.1, the IPv4 client of a dual-stack socket
        ClientPresence.Key mapped = ClientPresence.key("00000000000000000000000000000000:1F92",
                "0000000000000000FFFF00000100007F:D431");
        assertEquals(InetAddress.getLoopbackAddress(), mapped.remoteAddress());
    }

    @Test
    void reads_the_first_four_fields_of_a_table_line_and_nothing_from_a_short_one() {
        String line = "   3: 0100007F:1F92 0100007F:D431 08 00000000:00000000 00:00000000 00000000  1000        0 4242";
        int[] spans = new int[8];
        assertTrue(ClientPresence.fields(line, spans));
        String[] fields = new String[4];
        for (int n = 0; n < 4; n++) {
            fields[n] = line.substring(spans[2 * n], spans[2 * n + 1]);
        }
        assertArrayEquals(new String[] {"3:", "0100007F:1F92", "0100007F:D431", "08"}, fields);
        assertFalse(ClientPresence.fields("  sl  local_address", spans));
        assertFalse(ClientPresence.fields("", spans));
    }

    @Test
    void a_client_that_closes_its_connection_is_noticed_and_one_that_stays_is_not() throws Exception {
        try (ClientPresence presence = new ClientPresence(); ServerSocket server = new ServerSocket(0, 50,
                InetAddress.getLoopbackAddress())) {
            assertTrue(presence.supported(), "these tests run on Linux, whose /proc/net/tcp the watcher reads");
            Socket staying = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket routerEndOfStaying = server.accept();
            Socket leaving = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket routerEndOfLeaving = server.accept();
            CountDownLatch stayingGone = new CountDownLatch(1);
            CountDownLatch leavingGone = new CountDownLatch(1);
            presence.watch(connection(routerEndOfStaying), stayingGone::countDown);
            presence.watch(connection(routerEndOfLeaving), leavingGone::countDown);
            Thread.sleep(3 * ClientPresence.PERIOD_MS);
            assertEquals(1, leavingGone.getCount(), "still connected");
            leaving.close();
            assertTrue(leavingGone.await(5, TimeUnit.SECONDS), "the departure was noticed");
            assertFalse(stayingGone.await(3 * ClientPresence.PERIOD_MS, TimeUnit.MILLISECONDS), "the other stays");
            staying.close();
            routerEndOfStaying.close();
            routerEndOfLeaving.close();
        }
    }

    @Test
    void a_closed_watch_is_not_called() throws Exception {
        try (ClientPresence presence = new ClientPresence(); ServerSocket server = new ServerSocket(0, 50,
                InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket routerEnd = server.accept();
            CountDownLatch gone = new CountDownLatch(1);
            presence.watch(connection(routerEnd), gone::countDown).close();
            client.close();
            assertFalse(gone.await(4 * ClientPresence.PERIOD_MS, TimeUnit.MILLISECONDS));
            routerEnd.close();
        }
    }

    private static ClientConnection connection(Socket routerEnd) {
        return new ClientConnection((InetSocketAddress) routerEnd.getLocalSocketAddress(),
                (InetSocketAddress) routerEnd.getRemoteSocketAddress());
    }
}
