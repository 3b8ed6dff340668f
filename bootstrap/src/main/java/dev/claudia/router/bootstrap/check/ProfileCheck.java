package dev.claudia.router.bootstrap.check;

import dev.claudia.router.domain.port.FailureKind;
import dev.claudia.router.domain.port.ProviderFailure;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one profile: its backend's model list when the adapter has one (which says "reachable"
 * without spending a token), then the four probes, each judged from the answer a client would
 * receive. A failure that dooms the rest (unreachable, key refused, unknown model) skips the checks
 * after it, so a broken profile costs nothing. The rules are the same for every adapter, a team's
 * own included: nothing here knows one.
 */
public final class ProfileCheck {

    private final ProfileTarget target;
    private final Prober prober;
    private final Map<Capability, Verdict> verdicts = new EnumMap<>(Capability.class);
    private List<String> listed;
    private String noList = "the adapter has no model list";
    private int input;
    private int output;

    public ProfileCheck(ProfileTarget target, Prober prober) {
        this.target = target;
        this.prober = prober;
    }

    public ProfileReport run() {
        if (target.key() == ProfileTarget.Key.NOT_SET) {
            verdicts.put(Capability.KEY, Verdict.fail(-1, "key not set: " + target.apiKeyEnv()
                    + " is empty; export it, or put it in .env (nothing was sent, not even to the demo backend)"));
            return finish("not checked: the key is not set");
        }
        if (!listModels()) {
            return finish(skipReason());
        }
        Outcome text = prober.send(Probe.TEXT);
        if (stopsHere(text)) {
            return finish(skipReason());
        }
        verdicts.put(Capability.TEXT, Judge.text(text, target));
        verdicts.put(Capability.STREAM, Judge.stream(settle(prober.send(Probe.STREAM)), target));
        verdicts.put(Capability.TOOLS, Judge.tools(settle(prober.send(Probe.TOOLS)), target));
        verdicts.put(Capability.THINKING, Judge.thinking(settle(prober.send(Probe.THINKING)), target));
        return finish("not known: every request failed");
    }

    /** False when the list says the rest cannot work. */
    private boolean listModels() {
        Prober.ModelList list = prober.models().orElse(null);
        if (list == null) {
            return true;
        }
        if (list.failure() == null) {
            listed = list.ids();
            verdicts.put(Capability.REACHABLE, Verdict.ok(list.millis(), "lists " + listed.size() + " models"));
            return true;
        }
        noList = list.failure().kind() == FailureKind.NOT_FOUND ? "the backend has no model list"
                : "its model list failed: " + Reasons.of(list.failure(), target);
        return !decisive(list.failure(), list.millis());
    }

    /** The text probe: an answer settles reachable, key and model; a decisive failure ends the check. */
    private boolean stopsHere(Outcome text) {
        if (text.failure() != null && decisive(text.failure(), text.millis())) {
            return true;
        }
        settle(text);
        return false;
    }

    /**
     * Unreachable, refused keys and unknown models fail their own column and end the check; other
     * failures are the probe's alone.
     */
    private boolean decisive(ProviderFailure failure, long millis) {
        Capability column = switch (failure.kind()) {
            case UNREACHABLE, TIMEOUT -> Capability.REACHABLE;
            case AUTHENTICATION, PERMISSION, BILLING -> Capability.KEY;
            case NOT_FOUND -> Capability.MODEL;
            default -> null;
        };
        if (column == null) {
            return false;
        }
        if (column != Capability.REACHABLE) {
            verdicts.putIfAbsent(Capability.REACHABLE, Verdict.ok(-1, "answered"));
        }
        if (column == Capability.MODEL) {
            verdicts.putIfAbsent(Capability.KEY, Verdict.ok(-1, "accepted"));
        }
        String reason = Reasons.of(failure, target);
        if (column == Capability.MODEL && listed != null) {
            reason += " (" + target.backend() + " lists " + listed.size() + " models, not this one)";
        }
        verdicts.put(column, Verdict.fail(millis, reason, failure));
        return true;
    }

    /** An answered probe proves reachable, key and model, if nothing did yet; counts its tokens. */
    private Outcome settle(Outcome outcome) {
        if (outcome.answer() == null) {
            return outcome;
        }
        input += outcome.answer().inputTokens();
        output += outcome.answer().outputTokens();
        verdicts.putIfAbsent(Capability.REACHABLE, Verdict.ok(outcome.millis(), "answered"));
        verdicts.putIfAbsent(Capability.KEY, Verdict.ok(-1, target.key() == ProfileTarget.Key.NONE
                ? "none needed" : "accepted"));
        verdicts.putIfAbsent(Capability.MODEL, model());
        return outcome;
    }

    private Verdict model() {
        if (listed == null) {
            return Verdict.ok(-1, "answered (" + noList + ")");
        }
        if (listed.contains(target.providerModel())) {
            return Verdict.ok(-1, "listed");
        }
        for (String id : listed) {
            if (id.startsWith(target.providerModel() + "-")) {
                return Verdict.ok(-1, "listed as " + id);
            }
        }
        return Verdict.warn(-1, "not among the " + listed.size() + " models " + target.backend()
                + " lists, but it answered");
    }

    private String skipReason() {
        for (Capability c : List.of(Capability.REACHABLE, Capability.KEY, Capability.MODEL)) {
            Verdict v = verdicts.get(c);
            if (v != null && v.status() == Verdict.Status.FAIL) {
                return "not checked: " + c.label() + " failed";
            }
        }
        return "not checked";
    }

    private ProfileReport finish(String unknown) {
        for (Capability capability : Capability.values()) {
            verdicts.putIfAbsent(capability, Verdict.skip(unknown));
        }
        return new ProfileReport(target, verdicts, input, output);
    }
}
