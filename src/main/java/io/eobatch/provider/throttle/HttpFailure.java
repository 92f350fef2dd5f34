package io.eobatch.provider.throttle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A provider answered with a status that is not a success. Provider clients throw it from the call they give the
 * {@link Throttle}; {@link RetryPolicy} decides from the status whether to retry, and from {@link #retryAfter()}
 * how long the whole account must pause.
 */
public class HttpFailure extends IOException {

    /** Statuses that may pass by waiting: 408, 429 and the gateway/overload 5xx (RFC 9110, 15.5.9, 15.6). */
    public static final Set<Integer> TRANSIENT = Set.of(408, 429, 500, 502, 503, 504);

    private static final int EXCERPT = 300;

    private final int status;
    private final transient Duration retryAfter;

    /**
     * @param status     HTTP status code
     * @param retryAfter the wait the provider asked for, if any
     * @param message    what failed and the provider's words, without credentials
     */
    public HttpFailure(int status, Optional<Duration> retryAfter, String message) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter.orElse(null);
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
        return TRANSIENT.contains(status);
    }

    /**
     * From an answer of {@link java.net.http.HttpClient}: status, {@code Retry-After} (an HTTP-date measured from
     * the answer's {@code Date}, or from now) and a message with the method, the URL without its query string (which
     * may carry a key) and the start of a textual body.
     */
    public static HttpFailure of(HttpResponse<?> response, RetryAfterUnit unit) {
        Instant now = response.headers().firstValue("Date").flatMap(d -> RetryAfter.httpDate(d, Instant.now()))
                .orElse(Instant.now());
        Optional<Duration> wait = response.headers().firstValue("Retry-After")
                .flatMap(v -> RetryAfter.parse(v, unit, now));
        StringBuilder m = new StringBuilder().append("HTTP ").append(response.statusCode()).append(" from ")
                .append(response.request().method()).append(' ').append(withoutQuery(response.uri()));
        String body = excerpt(response.body());
        if (!body.isEmpty()) {
            m.append(": ").append(body);
        }
        return new HttpFailure(response.statusCode(), wait, m.toString());
    }

    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String excerpt(Object body) {
        String s;
        if (body instanceof String str) {
            s = str;
        } else if (body instanceof byte[] bytes) {
            s = new String(bytes, 0, Math.min(bytes.length, EXCERPT * 4), StandardCharsets.UTF_8);
        } else {
            return "";
        }
        s = s.strip().replaceAll("\\s+", " ");
        return s.length() > EXCERPT ? s.substring(0, EXCERPT) + "..." : s;
    }
}
