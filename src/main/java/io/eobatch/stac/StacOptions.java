package io.eobatch.stac;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How STAC documents are fetched over HTTP.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time allowed for one request until its response headers arrive (java.net.http semantics);
 *                       also bounds how long a stalled server can block a search
 * @param headers        extra request headers (e.g. an API key), sent with every request
 */
public record StacOptions(Duration connectTimeout, Duration requestTimeout, Map<String, String> headers) {

    public StacOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: " + connectTimeout + ", " + requestTimeout);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** 10 s to connect, 60 s per request, no extra headers. */
    public static StacOptions defaults() {
        return new StacOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), Map.of());
    }

    public StacOptions withTimeouts(Duration connect, Duration request) {
        return new StacOptions(connect, request, headers);
    }

    public StacOptions withHeaders(Map<String, String> extraHeaders) {
        return new StacOptions(connectTimeout, requestTimeout, extraHeaders);
    }
}
