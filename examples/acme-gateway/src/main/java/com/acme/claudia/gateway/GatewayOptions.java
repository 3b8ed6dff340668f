package com.acme.claudia.gateway;

import dev.claudia.router.domain.message.RawJson;
import dev.claudia.router.provider.spi.OptionProblem;
import dev.claudia.router.provider.spi.OptionScope;
import dev.claudia.router.provider.support.OptionsReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The adapter's options. {@code tenant} (backend only, required): the cost centre the gateway bills,
 * sent as {@code X-Acme-Tenant}. {@code priority} (backend, and per profile over it):
 * {@code "interactive"} (default) or {@code "batch"}, sent as {@code X-Acme-Priority}.
 */
record GatewayOptions(String tenant, Priority priority) {

    enum Priority {
        INTERACTIVE("interactive"), BATCH("batch");

        final String wire;

        Priority(String wire) {
            this.wire = wire;
        }
    }

    /** The gateway's own rule for tenant names. */
    private static final Pattern TENANT = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Map<String, Priority> PRIORITIES = new LinkedHashMap<>();

    static {
        for (Priority p : Priority.values()) {
            PRIORITIES.put(p.wire, p);
        }
    }

    /** Every problem of one options object, with its path inside the object. */
    static List<OptionProblem> validate(OptionScope scope, RawJson options) {
        List<OptionProblem> problems = new ArrayList<>();
        read(scope, options, null, problems);
        return problems;
    }

    /** The options of one scope over {@code base} (a profile's over its backend's); assumes they were validated. */
    static GatewayOptions read(OptionScope scope, RawJson options, GatewayOptions base) {
        return read(scope, options, base, new ArrayList<>());
    }

    private static GatewayOptions read(OptionScope scope, RawJson options, GatewayOptions base, List<OptionProblem> problems) {
        OptionsReader reader = OptionsReader.of(options);
        String tenant = reader.text("tenant", null);
        Priority priority = reader.choice("priority", PRIORITIES, base == null ? Priority.INTERACTIVE : base.priority());
        problems.addAll(reader.problems());
        if (scope == OptionScope.BACKEND && tenant == null && !reader.has("tenant")) {
            problems.add(OptionProblem.invalid("tenant", "required: the gateway bills every request to a tenant "
                    + "(your team's cost centre, e.g. \"research\")"));
        } else if (scope == OptionScope.BACKEND && tenant != null && !TENANT.matcher(tenant).matches()) {
            problems.add(OptionProblem.invalid("tenant", "must be lower-case letters, digits and dashes, starting with a "
                    + "letter, at most 40 (got \"" + tenant + "\")"));
        } else if (scope == OptionScope.PROFILE && reader.has("tenant")) {
            problems.add(OptionProblem.invalid("tenant", "set it on the backend: one gateway key bills one tenant"));
        }
        return new GatewayOptions(scope == OptionScope.BACKEND ? tenant : base == null ? null : base.tenant(), priority);
    }
}
