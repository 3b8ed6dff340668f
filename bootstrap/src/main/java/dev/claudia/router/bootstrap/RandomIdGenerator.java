package dev.claudia.router.bootstrap;

import dev.claudia.router.domain.port.IdGenerator;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids shaped like Anthropic's: a prefix and 24 base62 characters (about 143 bits). They only need
 * to be unique, not secret, so the fast thread-local generator is enough.
 */
final class RandomIdGenerator implements IdGenerator {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 24;

    @Override
    public String messageId() {
        return id("msg_");
    }

    @Override
    public String toolUseId() {
        return id("toolu_");
    }

    @Override
    public String requestId() {
        return id("req_");
    }

    private static String id(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return id.toString();
    }
}
