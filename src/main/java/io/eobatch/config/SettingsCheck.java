package io.eobatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.eobatch.outbound.OutboundLimits;
import io.eobatch.provider.Providers;
import io.eobatch.provider.throttle.ThrottleSettings;

/**
 * Checks every numeric setting (and the public URL) when the application starts: a value that is not a number, or
 * out of its range, stops the deployment with one message naming every such key and its value
 * ({@code StartupTasks}). Why stop rather than log and use the default: most of these are limits an operator set on
 * purpose (a smaller body, fewer tiles, a provider's rate), and a default silently in their place could be looser
 * than meant; a deployment that does not start is seen at once, a log line may not be (the same rule as a wrong
 * {@code eobatch.provider.stac.*} value, which already stopped the deployment). After start-up a value can change
 * only on the running server (a system property set through the management CLI); then the readers do not fail the
 * request: {@link Limits#current()} and {@link Settings#number} log a WARNING naming the key and use the default.
 *
 * <p>What is checked: the limits ({@code eobatch.limits.*}, {@link Limits#KEYS}), the outbound HTTP limits
 * ({@code eobatch.http.*}), each catalog's {@code timeout-s}, each provider's throttle ({@code eobatch.provider.<name>.*}
 * through {@link ThrottleSettings#from}) and {@code expected-latency-ms}, the plain numbers of {@link #PLAIN}, and
 * {@code eobatch.public-url}.
 */
public final class SettingsCheck {

    /** A plain numeric setting: whole or decimal, and its least value. */
    record Rule(boolean whole, double min) {
    }

    /** The numeric settings read through {@link Settings#number} or {@link Settings#decimal}, with their rules. */
    static final Map<String, Rule> PLAIN = plain();

    private static Map<String, Rule> plain() {
        Map<String, Rule> m = new LinkedHashMap<>();
        for (String k : List.of("interval-ms", "queue", "max-streams", "send-timeout-ms", "keepalive-ms", "window",
                "ring")) {
            m.put("eobatch.events." + k, new Rule(true, 1));
        }
        m.put("eobatch.results.retention-period-s", new Rule(true, 1));
        // negative: retention off, no disk check (as documented); only a non-number is wrong
        m.put("eobatch.results.retention-days", new Rule(false, Double.NEGATIVE_INFINITY));
        m.put("eobatch.disk.reserve-mb", new Rule(false, Double.NEGATIVE_INFINITY));
        m.put("eobatch.plan.aois-per-batch", new Rule(true, 1));
        m.put("eobatch.plan.search-cell-degrees", new Rule(false, 0));
        m.put("eobatch.summary.eager-charts", new Rule(true, 0));
        for (String p : Providers.NAMES) {
            m.put(ThrottleSettings.key(p, "expected-latency-ms"), new Rule(true, 0));
        }
        return Map.copyOf(m);
    }

    private SettingsCheck() {
    }

    /**
     * Every problem of the settings {@code config} holds (keys to values), one line each naming the key and the
     * value; empty when all are right. {@code catalogs} are the configured catalogs' names.
     */
    public static List<String> problems(Function<String, Optional<String>> config, Iterable<String> catalogs) {
        List<String> out = new ArrayList<>();
        for (String key : Limits.KEYS) { // one at a time, so that each wrong one is named
            check(out, () -> Limits.from(k -> k.equals(key) ? config.apply(k) : Optional.empty()));
        }
        for (String p : Providers.NAMES) {
            check(out, () -> ThrottleSettings.from(p, config));
        }
        for (var e : PLAIN.entrySet()) {
            config.apply(e.getKey()).map(String::strip).filter(v -> !v.isEmpty()).flatMap(v -> e.getValue().whole()
                    ? Settings.wholeProblem(e.getKey(), v, (long) e.getValue().min())
                    : Settings.decimalProblem(e.getKey(), v, e.getValue().min())).ifPresent(out::add);
        }
        for (String key : List.of(OutboundLimits.KEY_TIMEOUT, OutboundLimits.KEY_MAX_DOCUMENT_BYTES,
                OutboundLimits.KEY_MAX_FILE_BYTES, OutboundLimits.KEY_MAX_REDIRECTS)) { // as they are read, ranges too
            check(out, () -> EobatchConfig.outboundLimits(k -> k.equals(key) ? config.apply(k) : Optional.empty()));
        }
        for (String name : catalogs) {
            EobatchConfig.catalogValue(config, name, "timeout-s").ifPresent(v -> check(out,
                    () -> EobatchConfig.parse("eobatch.catalog." + name + ".timeout-s", v)));
        }
        Optional<String> url = config.apply(EobatchConfig.PUBLIC_URL).map(String::strip).filter(v -> !v.isEmpty());
        if (url.isPresent()) {
            check(out, () -> EobatchConfig.apiBase(url, "8080"));
        }
        return out;
    }

    private static void check(List<String> out, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            out.add(e.getMessage());
        }
    }

    /**
     * Checks the settings as configured now ({@link #problems}); throws naming every problem, so that the deployment
     * stops ({@code StartupTasks} calls it first).
     *
     * @throws IllegalStateException when a setting is wrong
     */
    public static void atStartup(EobatchConfig config) {
        List<String> problems = problems(Settings.lookup(), config.catalogNames());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("eobatch does not start: " + problems.size() + " wrong setting(s) (fix "
                    + "them in the environment, system properties or microprofile-config.properties): "
                    + String.join("; ", problems));
        }
    }
}
