package dev.claudia.router.systemtests.fake;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fake OpenAI-compatible provider ({@code fake-openai}) in a container built FROM scratch
 * ({@link FakeOpenAiImage}), on the host network: these machines allow no bridge network, so the fake
 * listens on 127.0.0.1:{@link #port()} of the host, a free port picked here.
 *
 * <p>Use {@link #shared()}: one container serves every test class of the test JVM (started on first
 * use, stopped when the JVM exits); tests keep out of each other's way by scripting their own model
 * names. {@link #dedicated()} gives a container of one's own (start and close it yourself).
 *
 * <p>Without a Docker engine this fails, it never skips: a contract test that did not run proves nothing.
 * There is no Ryuk here (its image cannot be pulled), so a container left behind by a killed test JVM is
 * removed by the next {@link #shared()} (containers carry their JVM's pid as a label).
 */
public final class FakeOpenAiContainer extends GenericContainer<FakeOpenAiContainer> {

    private static final String LABEL = "dev.claudia.fake-openai";
    private static final String PID_LABEL = "dev.claudia.fake-openai.jvm-pid";
    private static FakeOpenAiContainer shared;
    private static FakeOpenAiImage.Resolved image;

    private final int port;
    private final StringBuffer logs = new StringBuffer();
    private long startMillis;

    private FakeOpenAiContainer(String image, int port) {
        super(DockerImageName.parse(image));
        this.port = port;
        withImagePullPolicy(name -> false); // built here; nothing can be pulled anyway
        withNetworkMode("host");
        withCommand("--port", Integer.toString(port));
        withLabels(Map.of(LABEL, "true", PID_LABEL, Long.toString(ProcessHandle.current().pid())));
        withLogConsumer(frame -> {
            if (frame.getType() != OutputFrame.OutputType.END) {
                logs.append(frame.getUtf8String());
            }
        });
        // Host networking maps no ports, so the port-based waits cannot work: wait for the fake's own line.
        waitingFor(Wait.forLogMessage(".*fake-openai listening on 127\\.0\\.0\\.1:" + port + "\\s*", 1)
                .withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** The running shared fake; builds the image and starts it on first use. Fails (never skips) without Docker. */
    public static synchronized FakeOpenAiContainer shared() {
        if (shared == null) {
            long begin = System.nanoTime();
            requireDocker();
            long docker = (System.nanoTime() - begin) / 1_000_000;
            FakeOpenAiContainer container = dedicated();
            removeOrphans();
            try {
                container.start();
            } catch (IllegalStateException e) {
                if (!imageGone(e)) {
                    throw e;
                }
                // A run of another checkout built its own image and removed ours in between: build it again, once.
                image = null;
                container = dedicated();
                container.start();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-fake-openai"));
            shared = container;
            System.out.printf("[fake-openai] docker client ready in %d ms; image %s (%s) in %d ms [%s]; container up in %d ms "
                            + "on 127.0.0.1:%d; shared() took %d ms%n", docker, image.name(),
                    image.baseBuilt() ? "base and app built" : image.appBuilt() ? "app built, base cached" : "cached",
                    image.millis(), image.steps(), container.startMillis, container.port, (System.nanoTime() - begin) / 1_000_000);
        }
        return shared;
    }

    /** A fake of one's own on a free port, not started: {@code try (var fake = dedicated()) { fake.start(); ... }}. */
    public static synchronized FakeOpenAiContainer dedicated() {
        requireDocker();
        if (image == null) {
            image = FakeOpenAiImage.resolve();
        }
        return new FakeOpenAiContainer(image.name(), freePort());
    }

    @Override
    public void start() {
        long begin = System.nanoTime();
        try {
            super.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("fake-openai did not start on 127.0.0.1:" + port + "; its output:\n" + logs, e);
        }
        startMillis = (System.nanoTime() - begin) / 1_000_000;
    }

    /** What a backend's {@code baseUrl} points at: {@code http://127.0.0.1:<port>/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port + "/v1");
    }

    /** The admin API: script answers, read what the fake received and saw. */
    public FakeOpenAiAdmin admin() {
        return new FakeOpenAiAdmin(URI.create("http://127.0.0.1:" + port));
    }

    public int port() {
        return port;
    }

    /** How long {@link #start()} took, until the fake said it listens. */
    public long startMillis() {
        return startMillis;
    }

    /** What the fake printed so far. */
    public String output() {
        return logs.toString();
    }

    private static boolean imageGone(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof com.github.dockerjava.api.exception.NotFoundException && String.valueOf(t.getMessage())
                    .contains("No such image")) {
                return true;
            }
        }
        return false;
    }

    private static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("No Docker engine answers, and the contract tests need one (they fail rather than "
                    + "skip). Start it with: sudo bash .ci/docker-engine.sh (it starts dockerd --bridge=none --iptables=false "
                    + "--ip-masq=false). Testcontainers also needs TESTCONTAINERS_RYUK_DISABLED=true and "
                    + "TESTCONTAINERS_HOST_OVERRIDE=localhost in the environment (system-tests/pom.xml sets both for Maven runs).");
        }
    }

    /** Removes fake containers whose test JVM is gone (no Ryuk reaps them here). */
    private static void removeOrphans() {
        DockerClient docker = DockerClientFactory.instance().client();
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec();
        for (Container c : containers) {
            String pid = c.getLabels() == null ? null : c.getLabels().get(PID_LABEL);
            boolean alive = pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (RuntimeException alreadyGone) {
                    // removed meanwhile
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
