package dev.claudia.router.adapters.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that knows the router's secrets (provider keys, client keys, credentials in base
 * URLs) and takes them out of whatever the router writes: every response body (through
 * {@link #wrap}, at the HTTP boundary, so a provider error that echoes its key is covered whatever
 * adapter produced it), log lines and {@code /health} ({@link #redact}). Bootstrap builds it from
 * the configuration and the environment.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} are not treated as secrets: masking every occurrence
 * of, say, {@code local} would mangle answers, and a key that short protects nothing.
 *
 * <p>A {@link #learning} redactor can be taught more secrets while in use ({@link #learn}): a config
 * reload may name a new key variable or a base URL with credentials, and the answers written from
 * then on must mask them too. It never forgets one.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";
    public static final int MIN_LENGTH = 8;

    /** Query parameters whose values are credentials (Gemini's {@code key}, Azure's {@code sig}, ...). */
    private static final List<String> SECRET_PARAMETERS = List.of("key", "token", "secret", "sig", "auth", "pass",
            "code", "credential");

    private static final Redactor NONE = new Redactor(List.of());

    private final boolean learning;
    private volatile List<String> secrets;
    private volatile byte[][] secretBytes;

    private Redactor(List<String> secrets, boolean learning) {
        this.learning = learning;
        set(secrets);
    }

    private Redactor(List<String> secrets) {
        this(secrets, false);
    }

    private void set(List<String> values) {
        Set<String> forms = new LinkedHashSet<>(values);
        for (String secret : values) {
            forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret))); // as it appears inside JSON
        }
        this.secretBytes = forms.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.secrets = values;
    }

    /** A redactor for these values that can be taught more ({@link #learn}). */
    public static Redactor learning(Collection<String> values) {
        return new Redactor(kept(values), true);
    }

    /** Adds secrets to this (learning) redactor; every answer and line written from now on masks them. */
    public synchronized void learn(Redactor more) {
        if (!learning) {
            throw new IllegalStateException("this redactor is fixed; make it with Redactor.learning");
        }
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more.secrets);
        set(kept(all));
    }

    private static List<String> kept(Collection<String> values) {
        return values.stream().filter(v -> v != null && v.strip().length() >= MIN_LENGTH)
                .map(String::strip).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static Redactor none() {
        return NONE;
    }

    /** A redactor for these values; blank, short and repeated values are left out. */
    public static Redactor of(Collection<String> values) {
        List<String> kept = kept(values);
        return kept.isEmpty() ? NONE : new Redactor(kept);
    }

    /** This redactor plus more secrets. */
    public Redactor and(Collection<String> values) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(values);
        return of(all);
    }

    /** This redactor plus another's secrets. */
    public Redactor and(Redactor other) {
        return other.isEmpty() ? this : and(other.secrets);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public int size() {
        return secrets.size();
    }

    /** The text with every secret replaced by {@link #MASK}. */
    public String redact(String text) {
        List<String> now = secrets;
        if (text == null || now.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : now) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    /** A stream that writes through {@code out} with every secret masked; {@code out} itself when there are none. */
    public OutputStream wrap(OutputStream out) {
        byte[][] now = secretBytes;
        return now.length == 0 ? out : new RedactingOutputStream(out, now, MASK.getBytes(StandardCharsets.US_ASCII));
    }

    /** The credentials a base URL carries: its user info (and password alone) and secret-looking query values. */
    public static List<String> secretsOf(URI url) {
        List<String> found = new ArrayList<>();
        String userInfo = url.getRawUserInfo();
        if (userInfo != null) {
            found.add(userInfo);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                found.add(userInfo.substring(colon + 1));
            }
            if (url.getUserInfo() != null) {
                found.add(url.getUserInfo());
            }
        }
        for (String[] parameter : parameters(url)) {
            if (parameter.length == 2 && isSecretParameter(parameter[0])) {
                found.add(parameter[1]);
                found.add(java.net.URLDecoder.decode(parameter[1], StandardCharsets.UTF_8));
            }
        }
        return found;
    }

    /** The URL as it may be shown: user info and secret-looking query values replaced by {@code ***}. */
    public static String safeUrl(URI url) {
        StringBuilder shown = new StringBuilder();
        shown.append(url.getScheme()).append("://");
        if (url.getRawUserInfo() != null) {
            shown.append("***@");
        }
        shown.append(url.getRawAuthority().substring(url.getRawAuthority().indexOf('@') + 1));
        if (url.getRawPath() != null) {
            shown.append(url.getRawPath());
        }
        List<String[]> parameters = parameters(url);
        for (int i = 0; i < parameters.size(); i++) {
            String[] p = parameters.get(i);
            shown.append(i == 0 ? '?' : '&').append(p[0]);
            if (p.length == 2) {
                shown.append('=').append(isSecretParameter(p[0]) ? "***" : p[1]);
            }
        }
        return shown.toString();
    }

    private static boolean isSecretParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_PARAMETERS.stream().anyMatch(lower::contains);
    }

    private static List<String[]> parameters(URI url) {
        List<String[]> parameters = new ArrayList<>();
        String query = url.getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            parameters.add(eq < 0 ? new String[] {pair} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " secrets]"; // never the values
    }
}
