package dev.claudia.router.systemtests.fake;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/**
 * The fake OpenAI-compatible provider in a container, on the host network (these machines allow
 * no bridge network; it listens on 127.0.0.1). One container serves every test class of the run:
 * tests isolate themselves by model name. It is stopped when the test JVM exits (Ryuk, which would
 * otherwise reap it, cannot run here).
 */
public final class FakeOpenAiContainer extends GenericContainer<FakeOpenAiContainer> {

    private static FakeOpenAiContainer shared;

    private final int port;

    private FakeOpenAiContainer(int port) {
        super(FakeOpenAiImage.image());
        this.port = port;
        withNetworkMode("host");
        withEnv("FAKE_PORT", Integer.toString(port));
        waitingFor(Wait.forLogMessage(".*fake-openai listening on 127\\.0\\.0\\.1.*\\n", 1)
                .withStartupTimeout(Duration.ofSeconds(90)));
    }

    /** The running fake; starts it on first use. Fails (never skips) without a Docker engine. */
    public static synchronized FakeOpenAiContainer shared() {
        if (shared == null) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("no Docker engine: the contract tests need one. Start it with "
                        + "'sudo bash .ci/docker-engine.sh' (or run bash .ci/run), see docs/testing.md");
            }
            FakeOpenAiContainer container = new FakeOpenAiContainer(freePort());
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-fake-openai"));
            shared = container;
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>/v1}: what a backend's baseUrl points at. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port + "/v1");
    }

    public FakeOpenAiAdmin admin() {
        return new FakeOpenAiAdmin(URI.create("http://127.0.0.1:" + port));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
