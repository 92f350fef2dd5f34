package io.eobatch.stac;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.eobatch.outbound.OutboundPolicy;

/**
 * How STAC documents are fetched over HTTP.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time allowed for one request: headers, body and redirects together (a server that stalls
 *                       after its headers fails the request when it passes)
 * @param headers        extra request headers (e.g. an API key), sent with every request to the catalog's own
 *                       origin and dropped on a redirect to another one
 * @param policy         where links, {@code next} links and redirects may go, and the size limits of answers
 */
public record StacOptions(Duration connectTimeout, Duration requestTimeout, Map<String, String> headers,
                          OutboundPolicy policy) {

    public StacOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: " + connectTimeout + ", " + requestTimeout);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        policy = policy == null ? OutboundPolicy.anyHost() : policy;
    }

    /** Options with the policy of code given none ({@link OutboundPolicy#anyHost()}: never a link-local host). */
    public StacOptions(Duration connectTimeout, Duration requestTimeout, Map<String, String> headers) {
        this(connectTimeout, requestTimeout, headers, null);
    }

    /** 10 s to connect, 60 s per request, no extra headers, {@link OutboundPolicy#anyHost()}. */
    public static StacOptions defaults() {
        return new StacOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), Map.of());
    }

    /**
     * The options of a catalog under {@code policy}: its timeout as the request timeout (connecting at most 10 s of
     * it), no extra headers.
     */
    public static StacOptions of(OutboundPolicy policy) {
        Duration t = policy.limits().timeout();
        Duration connect = t.compareTo(Duration.ofSeconds(10)) < 0 ? t : Duration.ofSeconds(10);
        return new StacOptions(connect, t, Map.of(), policy);
    }

    public StacOptions withTimeouts(Duration connect, Duration request) {
        return new StacOptions(connect, request, headers, policy);
    }

    public StacOptions withHeaders(Map<String, String> extraHeaders) {
        return new StacOptions(connectTimeout, requestTimeout, extraHeaders, policy);
    }

    public StacOptions withPolicy(OutboundPolicy p) {
        return new StacOptions(connectTimeout, requestTimeout, headers, p);
    }
}
