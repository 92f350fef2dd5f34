package io.eobatch.provider.stac;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import io.eobatch.provider.Providers;
import io.eobatch.provider.throttle.RetryAfter;
import io.eobatch.provider.throttle.Throttle;
import io.eobatch.provider.throttle.ThrottleSettings;
import io.eobatch.provider.throttle.ThrottleTimeoutException;
import io.eobatch.provider.throttle.Throttles;
import io.eobatch.raster.io.HttpGate;

/**
 * The {@code stac} provider's HTTP (STAC API requests and COG range reads) through the shared throttle: one
 * {@link Throttle} per host, i.e. per {@code scheme://host[:port]} (the catalog API and the bucket of its COGs are
 * usually different hosts, each with its own limits), account key {@code "stac:" + scheme + "://" + host[:port]}
 * (the port only when it is not the scheme's default), all with the {@code stac} settings
 * ({@code eobatch.provider.stac.max-in-flight}, {@code requests-per-minute}, {@code max-wait-s},
 * {@code retry-after-unit}, {@code rate-headroom}).
 *
 * <p>One attempt per request ({@link Throttle#call} with cost 0): only the in-flight and rate limits and the
 * server's Retry-After pauses apply here. Failures come out unchanged and the stac provider keeps its own retry
 * rules (a transient failure is a {@link io.eobatch.provider.TransientSourceException} that JBeret retries per
 * chunk). An answer 429 or 503 with {@code Retry-After} pauses the host's account: no request to that host starts
 * before it ends (requests already running go on). A wait longer than {@code max-wait-s} fails the request at once
 * with an {@link IOException} whose cause is the {@link ThrottleTimeoutException} (transient). Requests to other
 * schemes ({@code file:}) pass straight through.
 *
 * <p>Redirects are followed inside one exchange ({@link io.eobatch.outbound.OutboundHttp}, each hop checked against the
 * catalog's policy): they count against the host first asked.
 */
public final class StacHttpGate implements HttpGate {

    private final ThrottleSettings settings;
    private final Function<String, Throttle> accounts;
    private final ConcurrentMap<String, Throttle> byOrigin = new ConcurrentHashMap<>();

    /** A gate with the JVM-wide throttles of {@link Throttles#forAccount}, one per host. */
    public StacHttpGate(ThrottleSettings settings) {
        this(settings, key -> Throttles.forAccount(key, settings));
    }

    /** For tests: throttles made by {@code accounts} from the account key. */
    StacHttpGate(ThrottleSettings settings, Function<String, Throttle> accounts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * The gate with the {@code stac} provider's limits from MicroProfile Config (keys
     * {@code eobatch.provider.stac.*}, see the {@code io.eobatch.provider.throttle} package).
     *
     * @throws IllegalArgumentException naming the key and the value when a value is wrong
     */
    public static StacHttpGate fromConfig() {
        return new StacHttpGate(Providers.settings(StacProvider.NAME));
    }

    public ThrottleSettings settings() {
        return settings;
    }

    /**
     * The throttle account of an http(s) URL: {@code stac:http://host:8080}, {@code stac:https://host} (lower
     * case; a default port is left out, so {@code https://h} and {@code https://h:443} are one account).
     *
     * @throws IllegalArgumentException for a URL that is not http(s) or has no host
     */
    public static String account(URI uri) {
        String scheme = scheme(uri);
        if (!isHttp(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host (scheme '" + uri.getScheme() + "')");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        return StacProvider.NAME + ":" + scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + port);
    }

    /** The throttle of {@code uri}'s host (made on first use). */
    public Throttle throttle(URI uri) {
        String origin = scheme(uri) + "://" + uri.getRawAuthority();
        Throttle t = byOrigin.get(origin);
        return t != null ? t : byOrigin.computeIfAbsent(origin, o -> accounts.apply(account(uri)));
    }

    @Override
    public <T> T send(URI uri, Exchange<T> exchange) throws IOException, InterruptedException {
        if (!isHttp(scheme(uri))) {
            return exchange.run();
        }
        Throttle throttle = throttle(uri);
        try {
            return throttle.call(0, exchange::run);
        } catch (ThrottleTimeoutException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Exchange.run throws nothing else
            throw new IOException(throttle.account() + ": " + e, e);
        }
    }

    /** A 429 or 503 with a readable {@code Retry-After} pauses the account of {@code uri}'s host. */
    @Override
    public void answered(URI uri, int status, HttpHeaders headers) {
        if ((status != 429 && status != 503) || !isHttp(scheme(uri))) {
            return;
        }
        if (status == 429) {
            throttle(uri).rateLimited();
        }
        headers.firstValue("Retry-After").ifPresent(value -> {
            Instant clock = Instant.now();
            Instant now = headers.firstValue("Date").flatMap(d -> RetryAfter.httpDate(d, clock)).orElse(clock);
            RetryAfter.parse(value, settings.retryAfterUnit(), now).filter(d -> !d.isZero())
                    .ifPresent(throttle(uri)::pauseFor);
        });
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static boolean isHttp(String scheme) {
        return scheme.equals("http") || scheme.equals("https");
    }

    @Override
    public String toString() {
        return "StacHttpGate[" + settings + "]";
    }
}
