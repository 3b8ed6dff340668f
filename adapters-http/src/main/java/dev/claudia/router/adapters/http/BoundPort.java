package dev.claudia.router.adapters.http;

/** The port the router listens on; known only once the server is bound (port 0 picks a free one). */
public final class BoundPort {

    private volatile int port = -1;

    public void set(int value) {
        this.port = value;
    }

    public int get() {
        return port;
    }
}
