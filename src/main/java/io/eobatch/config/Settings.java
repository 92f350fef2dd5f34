package io.eobatch.config;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one reader of MicroProfile Config (system properties, environment variables such as
 * {@code EOBATCH_PROVIDER_STAC_URL} for {@code eobatch.provider.stac.url}, {@code microprofile-config.properties}):
 * every other package asks here, so that no other class calls {@link ConfigProvider}.
 */
public final class Settings {

    private Settings() {
    }

    private static Config config() {
        return ConfigProvider.getConfig(Settings.class.getClassLoader());
    }

    /**
     * Config keys to their values (empty when absent), the form the providers' and the throttle's settings are read
     * from (a map stands in for it in tests).
     */
    public static Function<String, Optional<String>> lookup() {
        Config c = config();
        return key -> c.getOptionalValue(key, String.class);
    }

    /** The value of {@code key} converted by MicroProfile Config ({@code Long}, {@code Integer}, ...), or empty. */
    public static <T> Optional<T> value(String key, Class<T> type) {
        return config().getOptionalValue(key, type);
    }

    /**
     * The whole-number setting {@code key}, or {@code def} when absent; a value that is not a whole number of at least
     * {@code min} never fails the caller (a request or a job): it is logged as a WARNING naming the key and the value,
     * once per value, and {@code def} is used. Start-up refuses such a value ({@link SettingsCheck}), so this meets
     * only a value changed on the running server (a system property set through the management CLI).
     */
    public static long number(String key, long def, long min) {
        return number(lookup(), key, def, min);
    }

    /** {@link #number(String, long, long)} over {@code config} (keys to values; a map in tests). */
    static long number(Function<String, Optional<String>> config, String key, long def, long min) {
        return lenient(config, key, def, v -> wholeProblem(key, v, min), v -> Long.parseLong(v.replace("_", "")));
    }

    /** As {@link #number(String, long, long)} for a decimal setting of at least {@code min}. */
    public static double decimal(String key, double def, double min) {
        return decimal(lookup(), key, def, min);
    }

    /** {@link #decimal(String, double, double)} over {@code config} (keys to values; a map in tests). */
    static double decimal(Function<String, Optional<String>> config, String key, double def, double min) {
        return lenient(config, key, def, v -> decimalProblem(key, v, min), Double::parseDouble);
    }

    /** The value of {@code key} parsed, {@code def} when absent or when {@code problem} finds one (logged once). */
    private static <T> T lenient(Function<String, Optional<String>> config, String key, T def,
                                 Function<String, Optional<String>> problem, Function<String, T> parse) {
        Optional<String> v = config.apply(key).map(String::strip).filter(x -> !x.isEmpty());
        if (v.isEmpty()) {
            return def;
        }
        Optional<String> wrong = problem.apply(v.get());
        if (wrong.isPresent()) {
            warnOnce(wrong.get() + "; using the default " + def);
            return def;
        }
        return parse.apply(v.get());
    }

    /** Why {@code value} of {@code key} is not a whole number of at least {@code min} ({@code _} allowed), or empty. */
    static Optional<String> wholeProblem(String key, String value, long min) {
        try {
            long n = Long.parseLong(value.strip().replace("_", ""));
            return n >= min ? Optional.empty() : Optional.of(key + " = '" + value + "' must be at least " + min);
        } catch (NumberFormatException e) {
            return Optional.of(key + " = '" + value + "' is not a whole number");
        }
    }

    /** Why {@code value} of {@code key} is not a finite number of at least {@code min}, or empty. */
    static Optional<String> decimalProblem(String key, String value, double min) {
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) && d >= min ? Optional.empty()
                    : Optional.of(key + " = '" + value + "' must be a number of at least " + min);
        } catch (NumberFormatException e) {
            return Optional.of(key + " = '" + value + "' is not a number");
        }
    }

    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Settings.class.getName());

    /** Logs {@code message} as a WARNING the first time it is seen (a bad value is not logged at every request). */
    public static void warnOnce(String message) {
        if (WARNED.size() < 1000 && WARNED.add(message)) {
            LOG.warning(() -> "wrong setting: " + message);
        }
    }

    /** The name of every key the config sources hold. */
    public static Iterable<String> names() {
        return config().getPropertyNames();
    }
}
