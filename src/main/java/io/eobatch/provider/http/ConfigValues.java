package io.eobatch.provider.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reading and checking the MicroProfile Config keys of a provider account ({@code eobatch.provider.<name>.*}),
 * shared by the providers' config records: blank values count as absent, and every error names the key (and its
 * environment variable) but never shows a secret.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The stripped value of {@code key}, empty when absent or blank. */
    public static Optional<String> value(Function<String, Optional<String>> lookup, String key) {
        Optional<String> v = lookup.apply(key);
        return v == null ? Optional.empty() : v.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The value of {@code key}; an {@link IllegalArgumentException} naming it and its variable when missing. */
    public static String required(Function<String, Optional<String>> lookup, String key) {
        return value(lookup, key).orElseThrow(() -> new IllegalArgumentException(
                "missing configuration " + key + " (environment variable "
                        + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")"));
    }

    /** Whole seconds from {@code key}, or {@code defaultSeconds} when it is absent. */
    public static Duration seconds(Function<String, Optional<String>> lookup, String key, int defaultSeconds) {
        Optional<String> t = value(lookup, key);
        if (t.isEmpty()) {
            return Duration.ofSeconds(defaultSeconds);
        }
        try {
            return Duration.ofSeconds(Integer.parseInt(t.get()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number of seconds: \"" + t.get() + "\"");
        }
    }

    /** {@code s} as a URI; an {@link IllegalArgumentException} naming {@code key} when it is not one. */
    public static URI uri(String s, String key) {
        try {
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL: \"" + s + "\"");
        }
    }

    /** {@code u} checked to be an absolute http(s) URL, without trailing slashes when {@code stripSlash}. */
    public static URI httpUrl(URI u, String key, boolean stripSlash) {
        Objects.requireNonNull(u, key);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL: " + ProviderHttp.describe(u));
        }
        if (!stripSlash) {
            return u;
        }
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** {@code timeout} checked to be positive. */
    public static Duration positive(Duration timeout, String key) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + timeout.toSeconds());
        }
        return timeout;
    }

    /** Connect timeout for a request timeout: the request timeout, at most 10 s. */
    public static Duration connectTimeout(Duration timeout) {
        return timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
    }
}
