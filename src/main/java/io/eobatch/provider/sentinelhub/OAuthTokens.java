package io.eobatch.provider.sentinelhub;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.http.ProviderHttp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import io.eobatch.results.JsonValues;

/**
 * OAuth2 client-credentials tokens of one Sentinel Hub account, shared by every thread that calls it.
 *
 * <p>Protocol (Sentinel Hub "Authentication" page; the Data Space's Keycloak speaks the same): {@code POST} to the
 * token URL with {@code Content-Type: application/x-www-form-urlencoded} and the body
 * {@code grant_type=client_credentials&client_id=..&client_secret=..} (values URL-encoded); the answer is
 * {@code {"access_token": .., "expires_in": <seconds>, "token_type": "Bearer"}}. When {@code expires_in} is missing the
 * JWT's {@code exp} claim gives the expiry. Token requests are rate-limited by the provider, so a token is reused
 * until it is about to expire.
 *
 * <p>Caching and refresh:
 * <ul>
 *   <li>a token is refreshed when its remaining life is at most the margin: max(60 s, 10% of its lifetime), capped at
 *       half its lifetime (so a short-lived token is not refreshed on every call);</li>
 *   <li>one refresh at a time: the first thread that finds the token due refreshes it; while it does, the others keep
 *       using the old token as long as it has not expired, and wait for the refresh only when it has; an early
 *       refresh that fails (token endpoint down) is logged and the old token used until the next call tries again;</li>
 *   <li>{@link #refreshAfterRejection(String)}: after an API answered 401 to a token, one forced refresh; threads that
 *       were rejected with the same token share that one refresh.</li>
 * </ul>
 * Expiry is measured on the injected {@link Clock} from the moment the token request was sent.
 *
 * <p>Written by hand: the OAuth libraries on Maven Central (e.g. Nimbus) would bring a dependency for one form POST,
 * and none of them has the shared refresh-once rule above.
 */
public final class OAuthTokens {

    private static final Logger LOG = Logger.getLogger(OAuthTokens.class.getName());
    /** Tokens remembered for redaction. */
    private static final int REMEMBERED = 8;
    static final Duration MIN_MARGIN = Duration.ofSeconds(60);

    private record Token(String value, Instant obtained, Instant expires) {
        Duration margin() {
            Duration life = Duration.between(obtained, expires);
            Duration m = life.dividedBy(10);
            if (m.compareTo(MIN_MARGIN) < 0) {
                m = MIN_MARGIN;
            }
            Duration half = life.dividedBy(2);
            return m.compareTo(half) > 0 ? half : m;
        }

        boolean due(Instant now) {
            return !now.isBefore(expires.minus(margin()));
        }

        boolean expired(Instant now) {
            return !now.isBefore(expires);
        }
    }

    private final SentinelHubConfig config;
    private final ProviderHttp http;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger requests = new AtomicInteger();
    private final Deque<String> issued = new ArrayDeque<>();
    private volatile Token current;

    /**
     * @param http  the HTTP exchange; its redaction must include {@link #secrets()}
     * @param clock the clock expiry is measured on
     */
    public OAuthTokens(SentinelHubConfig config, ProviderHttp http, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A valid bearer token, from the cache when it is not due for a refresh. */
    public String token() {
        Token t = current;
        Instant now = clock.instant();
        if (t != null && !t.due(now)) {
            return t.value();
        }
        if (t != null && !t.expired(now)) {
            // due but still valid: refresh unless another thread is doing it, then use the old one meanwhile
            if (!lock.tryLock()) {
                return t.value();
            }
            try {
                Token c = current;
                if (c != t) {
                    return c.value();
                }
                try {
                    return fetch().value();
                } catch (RuntimeException e) {
                    // the old token still works: use it, and try again on the next call
                    LOG.warning(() -> "sentinel-hub token refresh failed, using the current token until "
                            + t.expires() + ": " + http.redact(String.valueOf(e.getMessage())));
                    return t.value();
                }
            } finally {
                lock.unlock();
            }
        }
        lock.lock();
        try {
            Token c = current;
            if (c != null && !c.due(clock.instant())) {
                return c.value();
            }
            return fetch().value();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new token after an API rejected {@code rejected} with 401: fetched once, however many threads were rejected
     * with the same token (later callers get the token the first one fetched).
     */
    public String refreshAfterRejection(String rejected) {
        lock.lock();
        try {
            Token c = current;
            if (c != null && !c.value().equals(rejected) && !c.due(clock.instant())) {
                return c.value();
            }
            return fetch().value();
        } finally {
            lock.unlock();
        }
    }

    /** How many token requests were sent. */
    public int requestCount() {
        return requests.get();
    }

    /** When the current token expires, or null before the first one. */
    public Instant expiry() {
        Token t = current;
        return t == null ? null : t.expires();
    }

    /** The client secret and the recent tokens: what must never be shown. */
    public List<String> secrets() {
        List<String> s = new ArrayList<>();
        s.add(config.clientSecret());
        synchronized (issued) {
            s.addAll(issued);
        }
        return s;
    }

    private Token fetch() {
        String form = "grant_type=client_credentials&client_id=" + enc(config.clientId()) + "&client_secret="
                + enc(config.clientSecret());
        Instant sent = clock.instant();
        requests.incrementAndGet();
        ProviderHttp.Response r = http.send("POST", config.tokenUrl(), Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "Accept", "application/json"), form.getBytes(StandardCharsets.UTF_8));
        JsonObject o = http.json(r);
        String where = "POST " + ProviderHttp.describe(config.tokenUrl()) + ": field ";
        if (!(o.get("access_token") instanceof JsonString at) || at.getString().isBlank()) {
            throw new ItemDataException(where + "'access_token' missing or not a string", null);
        }
        String value = at.getString();
        remember(value);
        JsonValue type = o.get("token_type");
        if (type instanceof JsonString ts && !ts.getString().equalsIgnoreCase("bearer")) {
            throw new ItemDataException(where + "'token_type' is \"" + ts.getString() + "\", not Bearer", null);
        }
        Instant expires;
        if (o.get("expires_in") instanceof JsonNumber n) {
            expires = sent.plusSeconds(n.longValue());
        } else {
            Instant exp = jwtExpiry(value);
            if (exp == null) {
                throw new ItemDataException(where + "'expires_in' missing and the token has no JWT 'exp' claim", null);
            }
            expires = exp;
        }
        if (!expires.isAfter(sent)) {
            throw new ItemDataException(where + "'expires_in': the token is already expired", null);
        }
        Token t = new Token(value, sent, expires);
        current = t;
        LOG.fine(() -> "sentinel-hub token #" + requests.get() + " for client " + config.clientId() + ", valid until "
                + expires + " (refresh " + t.margin().toSeconds() + " s before)");
        return t;
    }

    private void remember(String token) {
        synchronized (issued) {
            issued.addFirst(token);
            while (issued.size() > REMEMBERED) {
                issued.removeLast();
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The {@code exp} claim of a JWT, or null when {@code token} is not a JWT with one. */
    static Instant jwtExpiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            try (JsonReader r = JsonValues.JSON.createReader(new StringReader(payload))) {
                JsonValue v = r.readValue();
                if (v instanceof JsonObject o && o.get("exp") instanceof JsonNumber n) {
                    return Instant.ofEpochSecond(n.longValue());
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    @Override
    public String toString() {
        Token t = current;
        return "OAuthTokens[" + config.clientId() + (t == null ? ", no token" : ", token until " + t.expires())
                + "]";
    }
}
