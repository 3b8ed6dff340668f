package dev.claudia.router.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.domain.routing.Capabilities;
import dev.claudia.router.provider.spi.OptionProblem;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.spi.ProviderFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads what config.json says to a backend's adapter: {@code backends.<name>.adapter} (which one,
 * default {@code openai-chat}), {@code backends.<name>.options} (with {@code backends.<name>.dialect},
 * which is written beside them but is the adapter's {@code dialect} option) and
 * {@code modelProfiles.<alias>.options},
 * and has the adapter validate its options, so that its problems join the one start-up report with
 * their full JSON paths. A profile's options also take the legacy {@code capabilities} keys that
 * are not the router's own (see {@link CapabilitiesReader}); their problems are reported where they
 * were written, and the ones the adapter does not know are only warned about, as before.
 */
final class AdapterOptionsReader {

    /** {@code backends.<name>.dialect}: the {@code openai-chat} adapter's option, at the backend's level. */
    static final String DIALECT = "dialect";

    /** A backend's adapter (null when the name is unknown: already reported) and its options. */
    record Selection(String adapter, ProviderFactory factory, RawJson options) {}

    private final Adapters adapters;
    private final BiConsumer<String, String> problem;
    private final BiConsumer<String, String> warning;

    AdapterOptionsReader(Adapters adapters, BiConsumer<String, String> problem, BiConsumer<String, String> warning) {
        this.adapters = adapters;
        this.problem = problem;
        this.warning = warning;
    }

    /** {@code path} is {@code backends.<name>}. */
    Selection backend(String name, JsonNode backend, String path) {
        JsonNode adapterNode = backend.get("adapter");
        String adapter = Adapters.DEFAULT;
        if (adapterNode != null && !adapterNode.isNull()) {
            if (!adapterNode.isTextual() || adapterNode.textValue().isBlank()) {
                problem.accept(path + ".adapter", "must be the name of an adapter (installed: " + installed() + ")");
                adapter = null;
            } else {
                adapter = adapterNode.textValue();
            }
        }
        ProviderFactory factory = adapter == null ? null : adapters.get(adapter).orElse(null);
        if (adapter != null && factory == null) {
            problem.accept(path + ".adapter", "unknown adapter '" + adapter + "' for backend '" + name + "' (installed: "
                    + installed() + ")");
        }
        ObjectNode options = object(backend.get("options"), path + ".options");
        JsonNode dialect = backend.get(DIALECT);
        boolean dialectBeside = dialect != null && !dialect.isNull();
        if (dialectBeside && options.has(DIALECT)) {
            problem.accept(path + "." + DIALECT, "also set in options.dialect; set it once");
        } else if (dialectBeside) {
            options.set(DIALECT, dialect);
        }
        if (factory != null) {
            for (OptionProblem p : factory.validate(OptionScope.BACKEND, new RawJson(options.toString()))) {
                if (dialectBeside && p.path().equals(DIALECT)) {
                    problem.accept(path + "." + DIALECT, p.unknownKey()
                            ? "the '" + adapter + "' adapter has no dialects (only openai-chat has)" : p.message());
                } else {
                    report(List.of(p), path + ".options", null, options);
                }
            }
        }
        return new Selection(adapter, factory, new RawJson(options.toString()));
    }

    /**
     * A profile's options: {@code options}, plus the keys of {@code capabilities} the router does not
     * decide on. {@code path} is {@code modelProfiles.<alias>}; {@code selection} is its backend's
     * (null when the backend is unknown).
     */
    RawJson profile(String path, JsonNode optionsNode, ObjectNode fromCapabilities, Capabilities capabilities,
                    Selection selection) {
        ObjectNode options = object(optionsNode, path + ".options");
        List<String> legacy = new ArrayList<>();
        fromCapabilities.properties().forEach(e -> {
            if (options.has(e.getKey())) {
                problem.accept(path + ".capabilities." + e.getKey(), "also set in options; set it in options only");
            } else {
                options.set(e.getKey(), e.getValue());
                legacy.add(e.getKey());
            }
        });
        if (selection == null || selection.factory() == null) {
            return new RawJson(options.toString());
        }
        ProviderFactory factory = selection.factory();
        report(factory.validate(OptionScope.PROFILE, new RawJson(options.toString())), path, legacy, options);
        if (factory.answersVerbatim() && capabilities.streaming() != Capabilities.Streaming.BOTH) {
            problem.accept(path + ".capabilities.streaming", "must stay true: the '" + selection.adapter() + "' adapter "
                    + "passes the provider's answers on as they come, so the router cannot fold a stream or split an answer");
        }
        return new RawJson(options.toString());
    }

    /**
     * Reports the adapter's problems under {@code base}. With {@code legacy} (profiles), a problem of
     * a key that came from {@code capabilities} is reported there, and an unknown one is a warning
     * and is left out of the options.
     */
    private void report(List<OptionProblem> problems, String base, List<String> legacy, ObjectNode options) {
        for (OptionProblem p : problems) {
            String key = p.path().contains(".") ? p.path().substring(0, p.path().indexOf('.')) : p.path();
            boolean fromCapabilities = legacy != null && legacy.contains(key);
            String where = legacy == null ? base : base + (fromCapabilities ? ".capabilities" : ".options");
            String full = p.path().isEmpty() ? where : where + "." + p.path();
            if (fromCapabilities && p.unknownKey()) {
                warning.accept(full, "unknown capability, ignored");
                options.remove(key);
            } else {
                problem.accept(full, p.message());
            }
        }
    }

    private ObjectNode object(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            problem.accept(path, "must be a JSON object (the adapter's settings)");
            return JsonNodeFactory.instance.objectNode();
        }
        return ((ObjectNode) node).deepCopy();
    }

    private String installed() {
        return adapters.names().isEmpty() ? "none" : String.join(", ", adapters.names());
    }
}
