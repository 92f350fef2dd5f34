package io.eobatch.provider.sentinelhub;

import io.eobatch.provider.http.ConfigValues;
import io.eobatch.provider.http.ProviderHttp;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how to reach one Sentinel Hub account (Sentinel Hub itself, or the Sentinel Hub APIs of the Copernicus
 * Data Space Ecosystem: same protocol, other base URL and token URL).
 *
 * <p>MicroProfile Config keys (each also as an environment variable, e.g. {@code EOBATCH_PROVIDER_SENTINEL_HUB_URL}):
 * <table>
 *   <tr><th>key</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>{@value #KEY_URL}</td><td>yes</td><td>base URL of the APIs, without a trailing slash; the clients append
 *       {@code /api/v1/statistics}, {@code /api/v1/process}, {@code /api/v1/catalog/1.0.0/search}</td></tr>
 *   <tr><td>{@value #KEY_TOKEN_URL}</td><td>yes</td><td>the OAuth2 token endpoint (client-credentials grant)</td></tr>
 *   <tr><td>{@value #KEY_CLIENT_ID}</td><td>yes</td><td>OAuth client id</td></tr>
 *   <tr><td>{@value #KEY_CLIENT_SECRET}</td><td>yes</td><td>OAuth client secret (never printed)</td></tr>
 *   <tr><td>{@value #KEY_TIMEOUT}</td><td>no</td><td>seconds allowed per HTTP request, headers and body
 *       together (a server that stalls after its headers fails the request then), default {@value #DEFAULT_TIMEOUT_S}; connecting is allowed at most 10 s of it</td></tr>
 * </table>
 * No URL has a default: the README's provider table gives the values for Sentinel Hub and the Data Space.
 *
 * @param baseUrl      base URL of the APIs (http or https, no trailing slash)
 * @param tokenUrl     OAuth2 token endpoint
 * @param clientId     OAuth client id
 * @param clientSecret OAuth client secret; {@link #toString()} never shows it
 * @param timeout      per-request timeout
 */
public record SentinelHubConfig(URI baseUrl, URI tokenUrl, String clientId, String clientSecret, Duration timeout) {

    public static final String PREFIX = "eobatch.provider.sentinel-hub.";
    public static final String KEY_URL = PREFIX + "url";
    public static final String KEY_TOKEN_URL = PREFIX + "token-url";
    public static final String KEY_CLIENT_ID = PREFIX + "client-id";
    public static final String KEY_CLIENT_SECRET = PREFIX + "client-secret";
    public static final String KEY_TIMEOUT = PREFIX + "timeout-s";
    public static final int DEFAULT_TIMEOUT_S = 60;

    public SentinelHubConfig {
        baseUrl = ConfigValues.httpUrl(baseUrl, KEY_URL, true);
        tokenUrl = ConfigValues.httpUrl(tokenUrl, KEY_TOKEN_URL, false);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException(KEY_CLIENT_ID + " is empty");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException(KEY_CLIENT_SECRET + " is empty");
        }
        ConfigValues.positive(timeout, KEY_TIMEOUT);
    }

    /**
     * Reads the keys above through {@code lookup} (e.g. {@code k -> config.getOptionalValue(k, String.class)} on a
     * MicroProfile {@code Config}); blank values count as absent. A missing required key or a bad value is an
     * {@link IllegalArgumentException} naming the key (and never showing the secret).
     */
    public static SentinelHubConfig fromLookup(Function<String, Optional<String>> lookup) {
        String url = ConfigValues.required(lookup, KEY_URL);
        String tokenUrl = ConfigValues.required(lookup, KEY_TOKEN_URL);
        String id = ConfigValues.required(lookup, KEY_CLIENT_ID);
        String secret = ConfigValues.required(lookup, KEY_CLIENT_SECRET);
        return new SentinelHubConfig(ConfigValues.uri(url, KEY_URL), ConfigValues.uri(tokenUrl, KEY_TOKEN_URL), id,
                secret, ConfigValues.seconds(lookup, KEY_TIMEOUT, DEFAULT_TIMEOUT_S));
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
        return "SentinelHubConfig[baseUrl=" + ProviderHttp.describe(baseUrl) + ", tokenUrl="
                + ProviderHttp.describe(tokenUrl) + ", clientId=" + clientId + ", clientSecret=***, timeout="
                + timeout.toSeconds() + "s]";
    }
}
