package io.eobatch.provider.observearth;

import io.eobatch.provider.http.ConfigValues;
import io.eobatch.provider.http.ProviderHttp;
import java.net.URI;
import java.time.Duration;
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
 *   <tr><td>{@value #KEY_TIMEOUT}</td><td>no</td><td>seconds allowed per HTTP request, headers and body
 *       together (a server that stalls after its headers fails the request then), default {@value #DEFAULT_TIMEOUT_S}</td></tr>
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
        baseUrl = ConfigValues.httpUrl(baseUrl, KEY_URL, true);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(KEY_API_KEY + " is empty");
        }
        ConfigValues.positive(timeout, KEY_TIMEOUT);
    }

    /**
     * Reads the keys above through {@code lookup} (e.g. {@code k -> config.getOptionalValue(k, String.class)});
     * blank values count as absent. A missing key or a bad value is an {@link IllegalArgumentException} naming the
     * key.
     */
    public static ObserveEarthConfig fromLookup(Function<String, Optional<String>> lookup) {
        String url = ConfigValues.required(lookup, KEY_URL);
        String key = ConfigValues.required(lookup, KEY_API_KEY);
        return new ObserveEarthConfig(ConfigValues.uri(url, KEY_URL), key,
                ConfigValues.seconds(lookup, KEY_TIMEOUT, DEFAULT_TIMEOUT_S));
    }

    /** Connect timeout: the request timeout, at most 10 s. */
    public Duration connectTimeout() {
        return ConfigValues.connectTimeout(timeout);
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
}
