package dev.claudia.router.bootstrap.cli;

import dev.claudia.router.adapters.http.ClientKeys;
import dev.claudia.router.bootstrap.config.Environment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code claudia claude} trusts (docs/security.md). It runs inside arbitrary repositories, so:
 * <ul>
 * <li>its config is {@code --config}, else {@code CLAUDIA_CONFIG} from the real environment, else
 *     {@code ~/.claudia/config.json}, else the checkout's {@code config.json}; never one that merely
 *     lies in the working directory;</li>
 * <li>its variables come from the process environment over {@code ~/.claudia/.env} over the
 *     checkout's {@code .env}; never from a {@code .env} in the working directory;</li>
 * <li>it hands a session to a router already listening only when that router proves, without the key
 *     being sent, that it holds a client key the launcher knows ({@link ClientKeys#proofs}); otherwise
 *     it starts a private router whose only client key is a fresh random token.</li>
 * </ul>
 */
final class LauncherTrust {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LauncherTrust() {}

    static Path configFile(Path option, Map<String, String> process, Path home, Path checkout) {
        if (option != null) {
            return option;
        }
        Path checkoutConfig = checkout == null ? null : checkout.resolve("config.json").toAbsolutePath().normalize();
        String fromEnv = process.get("CLAUDIA_CONFIG");
        // The ./claudia script names the checkout's config.json itself when the working directory has none:
        // that is the last resort below, not the user's choice.
        if (fromEnv != null && !fromEnv.isBlank()
                && !Path.of(fromEnv).toAbsolutePath().normalize().equals(checkoutConfig)) {
            return Path.of(fromEnv);
        }
        Path user = home.resolve(".claudia").resolve("config.json");
        if (Files.isRegularFile(user) || checkoutConfig == null || !Files.isRegularFile(checkoutConfig)) {
            return user;
        }
        return checkoutConfig;
    }

    static Environment environment(Map<String, String> process, Path home, Path checkout) {
        List<Path> files = checkout == null ? List.of(home.resolve(".claudia").resolve(".env"))
                : List.of(home.resolve(".claudia").resolve(".env"), checkout.resolve(".env"));
        return Environment.load(files, process);
    }

    /** A token for one session's private router: 32 random bytes, base64url. */
    static String sessionToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "claudia-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The first of {@code keys} that the router at {@code base} proves it holds; empty when none (or no router). */
    static Optional<String> provenKey(URI base, List<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            HttpResponse<String> root = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build()
                    .send(HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(2))
                            .header("x-claudia-challenge", nonce).build(), HttpResponse.BodyHandlers.ofString());
            if (root.statusCode() != 200 || !root.body().contains("\"Claudia Router\"")) {
                return Optional.empty();
            }
            Set<String> proofs = new HashSet<>(Arrays.asList(root.headers().firstValue("x-claudia-proof").orElse("")
                    .split(",")));
            return keys.stream().filter(k -> proofs.contains(ClientKeys.proof(k, base.getPort(), nonce))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
