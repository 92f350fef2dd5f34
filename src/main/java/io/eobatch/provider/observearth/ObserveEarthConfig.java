package io.eobatch.provider.observearth;

import io.eobatch.provider.sentinelhub.ProviderHttp;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how to reach one ObservEarth account.
 *
 * <p>MicroProfile Config keys (each also as an environment variable, e.g. {@code EOBATCH_PROVIDER_OBSERVEARTH_API_KEY}):
 * <table>
 *   <tr><th>key</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>{@value #KEY_URL}</td><td>yes</td><td>root URL of the service, without a trailing slash and without
 *       {@code /api}: the client appends {@code /api/geometry/}, {@code /api/s2/search/}, {@code /api/s2/stats/} and
 *       {@code /api/s2/image/{geometry_id}}</td></tr>
 *   <tr><td>{@value #KEY_API_KEY}</td><td>yes</td><td>the API key, sent as the {@code X-API-Key} header (never
 *       printed)</td></tr>
 *   <tr><td>{@value #KEY_TIMEOUT}</td><td>no</td><td>seconds allowed per HTTP request until the answer's headers
 *       arrive, default {@value #DEFAULT_TIMEOUT_S}</td></tr>
 * </table>
 * The URL has no default: the README's provider table gives it.
 *
 * @param baseUrl root URL (http or https, no trailing slash)
 * @param apiKey  the API key; {@link #toString()} never shows it
 * @param timeout per-request timeout
 */
public record ObserveEarthConfig(URI baseUrl, String apiKey, Duration timeout) {

    public static final String PREFIX = "eobatch.provider.observearth.";
    public static final String KEY_URL = PREFIX + "url";
    public static final String KEY_API_KEY = PREFIX + "api-key";
    public static final String KEY_TIMEOUT = PREFIX + "timeout-s";
    public static final int DEFAULT_TIMEOUT_S = 120;

    public ObserveEarthConfig {
        Objects.requireNonNull(baseUrl, KEY_URL);
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(KEY_URL + " must be an absolute http(s) URL: " + ProviderHttp.describe(baseUrl));
        }
        String s = baseUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        baseUrl = URI.create(s);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(KEY_API_KEY + " is empty");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(KEY_TIMEOUT + " must be positive: " + timeout.toSeconds());
        }
    }

    /**
     * Reads the keys above through {@code lookup} (e.g. {@code k -> config.getOptionalValue(k, String.class)});
     * blank values count as absent. A missing key or a bad value is an {@link IllegalArgumentException} naming the
     * key.
     */
    public static ObserveEarthConfig fromLookup(Function<String, Optional<String>> lookup) {
        String url = required(lookup, KEY_URL);
        String key = required(lookup, KEY_API_KEY);
        Optional<String> t = value(lookup, KEY_TIMEOUT);
        int seconds = DEFAULT_TIMEOUT_S;
        if (t.isPresent()) {
            try {
                seconds = Integer.parseInt(t.get());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(KEY_TIMEOUT + " is not a whole number of seconds: \"" + t.get() + "\"");
            }
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_URL + " is not a URL: \"" + url + "\"");
        }
        return new ObserveEarthConfig(u, key, Duration.ofSeconds(seconds));
    }

    /** Connect timeout: the request timeout, at most 10 s. */
    public Duration connectTimeout() {
        return timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
    }

    /** {@code baseUrl + path} ({@code path} starts with "/"). */
    public URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return "ObserveEarthConfig[baseUrl=" + ProviderHttp.describe(baseUrl) + ", apiKey=***, timeout="
                + timeout.toSeconds() + "s]";
    }

    private static Optional<String> value(Function<String, Optional<String>> lookup, String key) {
        Optional<String> v = lookup.apply(key);
        return v == null ? Optional.empty() : v.map(String::strip).filter(s -> !s.isEmpty());
    }

    private static String required(Function<String, Optional<String>> lookup, String key) {
        return value(lookup, key).orElseThrow(() -> new IllegalArgumentException(
                "missing configuration " + key + " (environment variable "
                        + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")"));
    }
}
