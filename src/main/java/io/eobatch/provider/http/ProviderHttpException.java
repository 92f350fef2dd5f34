package io.eobatch.provider.http;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import java.net.URI;
import java.util.Optional;

/**
 * A provider answered an HTTP request with an error status. Carries what a retry policy needs: the {@link #status()}
 * and the raw {@code Retry-After} header (milliseconds at Sentinel Hub, seconds or an HTTP date elsewhere: the
 * throttle decides how to read it). The message names the method, the URL (without user info) and the status, and
 * starts the answer's body with every known secret (client secret, API key, bearer token) replaced by {@code ***}.
 */
public class ProviderHttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final transient URI url;
    private final int status;
    private final String retryAfter;

    /**
     * @param method     the HTTP method
     * @param url        the request URL (user info is dropped from the message)
     * @param status     the HTTP status of the answer
     * @param retryAfter the raw {@code Retry-After} header, or null
     * @param detail     what to add to the message (already free of secrets), may be empty
     */
    public ProviderHttpException(String method, URI url, int status, String retryAfter, String detail) {
        super(method + " " + ProviderHttp.describe(url) + " answered HTTP " + status
                + (retryAfter == null ? "" : " (Retry-After: " + retryAfter + ")")
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.method = method;
        this.url = url;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The {@code Retry-After} header exactly as received, when there was one. */
    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP method of the failed request. */
    public String method() {
        return method;
    }

    /** The request URL. */
    public URI url() {
        return url;
    }

    /** Whether the status may pass by retrying: 408, 429, 500, 502, 503, 504. */
    public boolean isTransient() {
        return isTransientStatus(status);
    }

    /** Whether {@code status} may pass by retrying: 408, 429, 500, 502, 503, 504. */
    public static boolean isTransientStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * This failure as the exceptions the job XML knows: a {@link TransientSourceException} (retryable) for a
     * transient status, an {@link ItemDataException} (the item fails) otherwise; this exception is the cause.
     */
    public RuntimeException toBatchException() {
        return isTransient() ? new TransientSourceException(getMessage(), this) : new ItemDataException(getMessage(), this);
    }
}
