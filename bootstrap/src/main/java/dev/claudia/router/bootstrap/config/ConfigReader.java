package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.claudia.router.application.BackendLimits;
import dev.claudia.router.application.RoutingRule;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.routing.ModelLimits;
import dev.claudia.router.provider.spi.UpstreamLimits;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and validates config.json. Every problem is collected, not just the first, and each is
 * reported as {@code <file>: <json path>: <what is wrong>} so a user can fix them all in one go.
 * Keys it does not know are reported as warnings and ignored, so configs written for the original
 * Node tool (or a newer Claudia) still load.
 */
public final class ConfigReader {

    static final int DEFAULT_PORT = 8082;
    static final int DEFAULT_RETRY_ATTEMPTS = 3;
    static final long DEFAULT_RETRY_BASE_DELAY_MS = 500;
    static final int DEFAULT_STICKY_SESSION_MINUTES = 60;
    static final int MAX_STICKY_SESSION_MINUTES = 24 * 60;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> TOP = Set.of("port", "defaultBackend", "backends", "modelProfiles", "modelMap",
            "routingRules", "stickySessionMinutes", "limits", "access", "upstream", "shutdown");
    private static final Set<String> BACKEND = Set.of("baseUrl", "apiKeyEnv", "defaultModel", "adapter", "options",
            "limits", "dialect");
    private static final Set<String> PROFILE = Set.of("backend", "providerModel", "retryAttempts", "retryBaseDelayMs",
            "extraBody", "notes", "capabilities", "options", "fallbacks", "contextWindow", "maxOutputTokens", "aliases");
    private static final Set<String> MAPPING = Set.of("backend", "model");
    /** apiKeyEnv may only name variables that look like keys, so a config cannot send PATH, HOME or such upstream. */
    private static final java.util.regex.Pattern KEY_VARIABLE =
            java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*_(API_KEY|KEY|TOKEN)");

    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final Consumer<String> warnings;
    private final AdapterOptionsReader adapterOptions;
    private final Map<String, AdapterOptionsReader.Selection> adapterOf = new LinkedHashMap<>();
    private final AliasesReader aliasesReader = new AliasesReader(this::problem);
    private final Map<String, List<String>> aliasesByProfile = new LinkedHashMap<>();

    private ConfigReader(String file, Adapters adapters, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
        this.adapterOptions = new AdapterOptionsReader(adapters, this::problem, this::warn);
    }

    /** Reads {@code path}, with the adapters installed in this router; throws {@link ConfigException} listing every problem. */
    public static RouterConfig read(Path path, Consumer<String> warnings) {
        return read(path, Adapters.installed(), warnings);
    }

    /** Reads {@code path}; adapter options are validated by {@code adapters}. */
    public static RouterConfig read(Path path, Adapters adapters, Consumer<String> warnings) {
        String name = path.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(name + ": file not found (set CLAUDIA_CONFIG or pass --config)"));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ConfigException(List.of(name + ": invalid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ": cannot read: " + e.getMessage()));
        }
        return new ConfigReader(name, adapters, warnings).config(path, root);
    }

    /** Reads config text (tests, embedded defaults). */
    public static RouterConfig parse(String name, String json, Consumer<String> warnings) {
        return parse(name, json, Adapters.installed(), warnings);
    }

    public static RouterConfig parse(String name, String json, Adapters adapters, Consumer<String> warnings) {
        try {
            return new ConfigReader(name, adapters, warnings).config(Path.of(name), JSON.readTree(json));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ConfigException(List.of(name + ": invalid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage()));
        }
    }

    private RouterConfig config(Path path, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ConfigException(List.of(file + ": the top level must be a JSON object"));
        }
        unknownKeys(root, "", TOP);
        int port = root.has("port") ? integer(root.get("port"), "port", 0, 65535) : DEFAULT_PORT;
        int stickyMinutes = root.has("stickySessionMinutes")
                ? integer(root.get("stickySessionMinutes"), "stickySessionMinutes", 0, MAX_STICKY_SESSION_MINUTES)
                : DEFAULT_STICKY_SESSION_MINUTES;
        Map<String, RouterConfig.Backend> backends = backends(root.get("backends"));
        String defaultBackend = text(root.get("defaultBackend"), "defaultBackend", true);
        if (defaultBackend != null && !backends.isEmpty()) {
            RouterConfig.Backend chosen = backends.get(defaultBackend);
            if (chosen == null) {
                problem("defaultBackend", "unknown backend '" + defaultBackend + "' (known: " + known(backends) + ")");
            } else if (chosen.defaultModel() == null) {
                problem("backends." + defaultBackend + ".defaultModel",
                        "required for the default backend (it serves model names that no profile matches)");
            }
        }
        Map<String, RouterConfig.Profile> profiles = profiles(root.get("modelProfiles"), backends);
        Map<String, RouterConfig.Mapping> modelMap = modelMap(root.get("modelMap"), backends);
        // Fallbacks and routing rules may name a profile by any of its names.
        Map<String, RouterConfig.Profile> named = new LinkedHashMap<>(profiles);
        aliasesReader.check(aliasesByProfile, () -> root.path("modelMap").fieldNames()).forEach((alias, owner) -> {
            if (profiles.containsKey(owner)) {
                named.put(alias, profiles.get(owner));
            }
        });
        checkFallbacks(profiles, named);
        List<RoutingRule> rules = new RoutingRulesReader(this::problem).read(root.get("routingRules"), named, modelMap);
        ServerSettingsReader server = new ServerSettingsReader(this::problem, this::warn);
        RouterConfig.Limits limits = server.limits(root.get("limits"));
        RouterConfig.Access access = server.access(root.get("access"));
        UpstreamLimits upstream = server.upstream(root.get("upstream"));
        java.time.Duration grace = server.shutdownGrace(root.get("shutdown"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RouterConfig(path, port, defaultBackend, backends, profiles, modelMap, rules, stickyMinutes, limits, access,
                upstream, grace);
    }

    private Map<String, RouterConfig.Backend> backends(JsonNode node) {
        Map<String, RouterConfig.Backend> backends = new LinkedHashMap<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problem("backends", node == null ? "required: at least one backend" : "must be an object with at least one backend");
            return backends;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "backends." + e.getKey();
            if (!e.getValue().isObject()) {
                problem(path, "must be an object");
                continue;
            }
            unknownKeys(e.getValue(), path, BACKEND);
            URI baseUrl = url(e.getValue().get("baseUrl"), path + ".baseUrl");
            String keyEnv = text(e.getValue().get("apiKeyEnv"), path + ".apiKeyEnv", false);
            if (keyEnv != null && (!KEY_VARIABLE.matcher(keyEnv).matches() || keyEnv.startsWith("CLAUDIA_"))) {
                problem(path + ".apiKeyEnv", "must name a variable that holds a provider key: upper case, ending in "
                        + "_API_KEY, _KEY or _TOKEN, and not a CLAUDIA_ variable (got '" + keyEnv + "')");
                keyEnv = null;
            }
            String defaultModel = text(e.getValue().get("defaultModel"), path + ".defaultModel", false);
            AdapterOptionsReader.Selection adapter = adapterOptions.backend(e.getKey(), e.getValue(), path);
            adapterOf.put(e.getKey(), adapter);
            BackendLimits limits = new ServerSettingsReader(this::problem, this::warn).backendLimits(
                    e.getValue().get("limits"), path + ".limits");
            if (baseUrl != null) {
                backends.put(e.getKey(), new RouterConfig.Backend(e.getKey(), baseUrl, keyEnv, defaultModel,
                        adapter.adapter() == null ? Adapters.DEFAULT : adapter.adapter(), adapter.options(), limits));
            }
        }
        return backends;
    }

    private Map<String, RouterConfig.Profile> profiles(JsonNode node, Map<String, RouterConfig.Backend> backends) {
        Map<String, RouterConfig.Profile> profiles = new LinkedHashMap<>();
        if (node == null) {
            return profiles;
        }
        if (!node.isObject()) {
            problem("modelProfiles", "must be an object");
            return profiles;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "modelProfiles." + e.getKey();
            JsonNode p = e.getValue();
            if (!p.isObject()) {
                problem(path, "must be an object");
                continue;
            }
            unknownKeys(p, path, PROFILE);
            String backend = backendRef(p.get("backend"), path + ".backend", backends);
            String model = text(p.get("providerModel"), path + ".providerModel", false);
            if (model == null && backend != null && backends.get(backend).defaultModel() == null) {
                problem(path + ".providerModel", "required (backend '" + backend + "' has no defaultModel)");
            }
            int attempts = p.has("retryAttempts")
                    ? integer(p.get("retryAttempts"), path + ".retryAttempts", 1, 20) : DEFAULT_RETRY_ATTEMPTS;
            long delay = p.has("retryBaseDelayMs")
                    ? integer(p.get("retryBaseDelayMs"), path + ".retryBaseDelayMs", 0, 60_000) : DEFAULT_RETRY_BASE_DELAY_MS;
            RawJson extraBody = RawJson.EMPTY_OBJECT;
            if (p.has("extraBody")) {
                if (p.get("extraBody").isObject()) {
                    extraBody = new RawJson(p.get("extraBody").toString());
                } else {
                    problem(path + ".extraBody", "must be a JSON object (it is merged into the provider request body)");
                }
            }
            String notes = p.has("notes") ? text(p.get("notes"), path + ".notes", false) : null;
            CapabilitiesReader.Read capabilities = new CapabilitiesReader(path + ".capabilities", this::problem)
                    .read(p.get("capabilities"));
            RawJson options = adapterOptions.profile(path, p.get("options"), capabilities.forAdapter(),
                    capabilities.capabilities(), backend == null ? null : adapterOf.get(backend));
            List<String> fallbacks = strings(p.get("fallbacks"), path + ".fallbacks");
            List<String> aliases = aliasesReader.read(p.get("aliases"), path + ".aliases");
            aliasesByProfile.put(e.getKey(), aliases);
            ModelLimits limits = new LimitsReader(path, this::problem, this::warn).read(p);
            if (backend != null) {
                profiles.put(e.getKey(), new RouterConfig.Profile(e.getKey(), backend,
                        model != null ? model : backends.get(backend).defaultModel(), attempts, delay, extraBody, notes,
                        capabilities.capabilities(), limits, options, fallbacks, aliases));
            }
        }
        return profiles;
    }

    private Map<String, RouterConfig.Mapping> modelMap(JsonNode node, Map<String, RouterConfig.Backend> backends) {
        Map<String, RouterConfig.Mapping> map = new LinkedHashMap<>();
        if (node == null) {
            return map;
        }
        if (!node.isObject()) {
            problem("modelMap", "must be an object");
            return map;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "modelMap." + e.getKey();
            if (!e.getValue().isObject()) {
                problem(path, "must be an object");
                continue;
            }
            unknownKeys(e.getValue(), path, MAPPING);
            String backend = backendRef(e.getValue().get("backend"), path + ".backend", backends);
            String model = text(e.getValue().get("model"), path + ".model", true);
            if (backend != null && model != null) {
                map.put(e.getKey(), new RouterConfig.Mapping(e.getKey(), backend, model));
            }
        }
        return map;
    }

    private void checkFallbacks(Map<String, RouterConfig.Profile> profiles, Map<String, RouterConfig.Profile> named) {
        profiles.forEach((alias, profile) -> {
            for (int i = 0; i < profile.fallbacks().size(); i++) {
                String target = profile.fallbacks().get(i);
                if (!named.containsKey(target)) {
                    problem("modelProfiles." + alias + ".fallbacks." + i, "unknown profile '" + target + "'");
                } else if (named.get(target).alias().equals(alias)) {
                    problem("modelProfiles." + alias + ".fallbacks." + i, "a profile cannot fall back to itself");
                }
            }
        });
    }

    private String backendRef(JsonNode node, String path, Map<String, RouterConfig.Backend> backends) {
        String name = text(node, path, true);
        if (name != null && !backends.isEmpty() && !backends.containsKey(name)) {
            problem(path, "unknown backend '" + name + "' (known: " + known(backends) + ")");
            return null;
        }
        return backends.containsKey(name) ? name : null;
    }

    private URI url(JsonNode node, String path) {
        String text = text(node, path, true);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problem(path, "must be an http:// or https:// URL, got '" + text + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problem(path, "not a valid URL: " + e.getMessage());
            return null;
        }
    }

    private String text(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                problem(path, "required");
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            problem(path, "must be a non-empty string");
            return null;
        }
        return node.textValue();
    }

    private int integer(JsonNode node, String path, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problem(path, "must be an integer");
            return min;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            problem(path, "must be between " + min + " and " + max + ", got " + value);
            return min;
        }
        return value;
    }

    private List<String> strings(JsonNode node, String path) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problem(path, "must be an array of profile names");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            String value = text(node.get(i), path + "." + i, true);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private void unknownKeys(JsonNode node, String path, Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                warn((path.isEmpty() ? "" : path + ".") + name, "unknown key, ignored");
            }
        });
    }

    private static String known(Map<String, ?> map) {
        return String.join(", ", map.keySet());
    }

    void problem(String path, String message) {
        problems.add(file + ": " + path + ": " + message);
    }

    void warn(String path, String message) {
        warnings.accept(file + ": " + path + ": " + message);
    }
}
