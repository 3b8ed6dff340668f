package dev.claudia.router.bootstrap;

import dev.claudia.router.bootstrap.cli.ClaudiaCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training run behind the ahead-of-time cache the build makes ({@code bootstrap/target/claudia.aot}
 * on JDK 25+, an AppCDS archive on JDK 21-24; see docs/performance.md). It starts a router in this JVM
 * with the given config.json and no API keys (so every keyed backend is answered by the built-in demo
 * backend, through the real OpenAI adapter), then sends the requests a session sends most: plain
 * JSON, streamed, count_tokens, models and health. The JVM records which classes those paths load
 * and link and how their methods behave; a later start with the cache skips that work.
 *
 * <p>Usage: {@code AotTraining CONFIG_JSON STAMP_FILE [ROUNDS]}. The stamp file records the JDK that
 * made the cache, so the {@code claudia} script can tell whether the cache fits the JDK it picked.
 * Exits non-zero when any answer is wrong: a cache trained on error paths would be worth little.
 */
public final class AotTraining {

    private static final String JSON = "{\"model\":\"claude-3-5-sonnet-latest\",\"max_tokens\":64,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"You are terse.\"}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"},{\"role\":\"assistant\",\"content\":\"Hi\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say more\"}]}]}";
    private static final String STREAM = "{\"model\":\"claude-3-haiku-latest\",\"max_tokens\":64,\"stream\":true,"
            + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"weather\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}}}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path stamp = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Logs.configure("warn");
        // The command line that every start parses (claudia start --config FILE ...): without this its
        // classes (the parser, the commands' option tables) are left out of the cache and loaded from
        // the jars at each start, because the training itself is not started through Main.
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        if (ClaudiaCommand.execute(new String[] {"start", "--config", config.toString(), "--help"},
                discard, discard) != 0) {
            throw new IllegalStateException("claudia start --help failed in the training run");
        }
        try (ClaudiaServer server = ClaudiaServer.start(new ServerOptions(config, Map.of(), "127.0.0.1", 0))) {
            HttpClient client = HttpClient.newHttpClient();
            URI base = server.baseUri();
            for (int i = 0; i < rounds; i++) {
                expect(client, post(base, "/v1/messages", JSON), "\"type\":\"message\"");
                expect(client, post(base, "/v1/messages?beta=true", STREAM), "event: message_stop");
                expect(client, post(base, "/v1/messages/count_tokens", JSON), "input_tokens");
                if (i % 10 == 0) {
                    expect(client, HttpRequest.newBuilder(base.resolve("/v1/models")).header("x-api-key", "training")
                            .build(), "\"data\"");
                    expect(client, HttpRequest.newBuilder(base.resolve("/health")).build(), "\"status\"");
                }
            }
        }
        Files.writeString(stamp, String.join("\n", List.of("java.home=" + System.getProperty("java.home"),
                "java.version=" + System.getProperty("java.version"))) + "\n", StandardCharsets.UTF_8);
        System.exit(0);
    }

    private static HttpRequest post(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("x-api-key", "training")
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void expect(HttpClient client, HttpRequest request, String needle) throws IOException,
            InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains(needle)) {
            throw new IllegalStateException("training request " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }
}
