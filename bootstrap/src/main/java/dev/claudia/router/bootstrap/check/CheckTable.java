package dev.claudia.router.bootstrap.check;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code claudia check}'s table: one row per profile, one column per capability (its status and the
 * time its request took), the tokens spent; then a reason for every failure, with what the provider
 * side said, and the notes of checks that passed with a caveat or are off.
 */
public final class CheckTable {

    private static final String GAP = "  ";

    private CheckTable() {}

    /** What is about to happen, and what it costs; printed before the checks run. */
    public static String intro(int profiles, String config) {
        return "claudia check: " + profiles + (profiles == 1 ? " profile" : " profiles") + " of " + config
                + ", each against its real backend\n  " + Probe.values().length + " small requests per profile ("
                + String.join(", ", List.of("text", "stream", "tools", "thinking")) + "): at most "
                + Probe.maxOutputTokens() + " output tokens in all, usually a few hundred tokens;\n"
                + "  a backend whose key is not set is sent nothing. Times are per request; a backend's first one\n"
                + "  includes the router's own warm-up.\n";
    }

    public static String render(List<ProfileReport> reports) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("profile", "backend", "provider model"));
        for (Capability c : Capability.values()) {
            header.add(c.label());
        }
        header.add("tokens");
        rows.add(header);
        for (ProfileReport report : reports) {
            List<String> row = new ArrayList<>(List.of(report.target().alias(), report.target().backend(),
                    report.target().providerModel()));
            for (Capability c : Capability.values()) {
                row.add(cell(report.verdict(c)));
            }
            row.add(Integer.toString(report.inputTokens() + report.outputTokens()));
            rows.add(row);
        }
        StringBuilder out = new StringBuilder();
        table(rows, out);
        details(reports, out);
        long failed = reports.stream().filter(ProfileReport::failed).count();
        int in = reports.stream().mapToInt(ProfileReport::inputTokens).sum();
        int outTokens = reports.stream().mapToInt(ProfileReport::outputTokens).sum();
        out.append('\n').append(failed == 0 ? "all " + reports.size() + " profiles work"
                        : failed + " of " + reports.size() + (reports.size() == 1 ? " profile" : " profiles") + " failed")
                .append("; ").append(in + outTokens).append(" tokens spent (").append(in).append(" in, ").append(outTokens)
                .append(" out, as the providers reported them)\n");
        return out.toString();
    }

    static String cell(Verdict verdict) {
        return verdict.status().label() + (verdict.millis() < 0 ? "" : " " + duration(verdict.millis()));
    }

    static String duration(long millis) {
        return millis < 1000 ? millis + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static void table(List<List<String>> rows, StringBuilder out) {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : GAP).append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void details(List<ProfileReport> reports, StringBuilder out) {
        StringBuilder failures = new StringBuilder();
        StringBuilder notes = new StringBuilder();
        for (ProfileReport report : reports) {
            for (Capability c : Capability.values()) {
                Verdict v = report.verdict(c);
                String line = "  " + report.target().alias() + " " + c.label() + ": " + v.detail() + "\n";
                switch (v.status()) {
                    case FAIL -> {
                        failures.append(line);
                        if (v.failure() != null) {
                            failures.append("      (").append(v.failure().message()).append(")\n");
                        }
                    }
                    case WARN, OFF -> notes.append(line);
                    default -> { }
                }
            }
        }
        if (!failures.isEmpty()) {
            out.append("\nfailures:\n").append(failures);
        }
        if (!notes.isEmpty()) {
            out.append("\nnotes:\n").append(notes);
        }
    }
}
