package dev.claudia.router.bootstrap.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * {@code claudia check --json}: the same findings for machines. {@code ok} is false when any profile
 * failed (the exit status is then 1); each check has {@code status} ({@code ok}, {@code warn},
 * {@code fail}, {@code skip}, {@code off}), {@code ms} when it sent a request, {@code detail}, and for
 * failures the provider side's {@code failure} ({@code kind}, {@code status}, {@code message}).
 */
public final class CheckJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private CheckJson() {}

    public static String render(String config, List<ProfileReport> reports) {
        ObjectNode root = JSON.createObjectNode();
        root.put("config", config);
        root.put("ok", reports.stream().noneMatch(ProfileReport::failed));
        root.putObject("budget").put("requestsPerProfile", Probe.values().length)
                .put("maxOutputTokensPerProfile", Probe.maxOutputTokens());
        var profiles = root.putArray("profiles");
        for (ProfileReport report : reports) {
            ProfileTarget t = report.target();
            ObjectNode profile = profiles.addObject().put("profile", t.alias()).put("backend", t.backend())
                    .put("adapter", t.adapter()).put("providerModel", t.providerModel()).put("ok", !report.failed());
            profile.putObject("tokens").put("input", report.inputTokens()).put("output", report.outputTokens());
            ObjectNode checks = profile.putObject("checks");
            for (Capability c : Capability.values()) {
                Verdict v = report.verdict(c);
                ObjectNode check = checks.putObject(c.label()).put("status", v.status().name().toLowerCase(Locale.ROOT));
                if (v.millis() >= 0) {
                    check.put("ms", v.millis());
                }
                check.put("detail", v.detail());
                if (v.failure() != null) {
                    check.putObject("failure").put("kind", v.failure().kind().name().toLowerCase(Locale.ROOT))
                            .put("status", v.failure().upstreamStatus()).put("message", v.failure().message());
                }
            }
        }
        return root.toPrettyString() + "\n";
    }
}
