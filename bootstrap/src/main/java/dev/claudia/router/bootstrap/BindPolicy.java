package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.config.ConfigException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The router holds the keys to paid provider accounts: listening beyond the loopback interface
 * without client keys would let anyone on the network spend them. Such a start is refused, saying why.
 */
final class BindPolicy {

    private BindPolicy() {}

    static void check(String host, List<String> clientKeys) {
        if (!clientKeys.isEmpty() || isLoopback(host)) {
            return;
        }
        throw new ConfigException(List.of("refusing to listen on " + host + " without client keys: anyone who can "
                + "reach that address could use your provider keys. Set CLAUDIA_AUTH_TOKEN (or CLAUDIA_CLIENT_KEYS, "
                + "or access.clientKeys in config.json) to a long random value, or listen on 127.0.0.1"));
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false; // it will fail to bind anyway; without keys, say so first
        }
    }
}
