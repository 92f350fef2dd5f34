package io.eobatch.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an outbound request may take and how much it may read.
 *
 * <table>
 *   <caption>settings (MicroProfile Config, read by {@code io.eobatch.config.EobatchConfig})</caption>
 *   <tr><th>key</th><th>default</th><th>what happens</th></tr>
 *   <tr><td>{@value #KEY_TIMEOUT}</td><td>60</td><td>seconds for one request of a STAC document or a COG range,
 *       headers <em>and</em> body and every redirect hop together; a server that stalls after its headers fails the
 *       request when it passes (a timeout: transient, retried as the job says). A catalog may set its own,
 *       {@code eobatch.catalog.<name>.timeout-s}; the providers have {@code eobatch.provider.<name>.timeout-s}</td></tr>
 *   <tr><td>{@value #KEY_MAX_DOCUMENT_BYTES}</td><td>64 MiB</td><td>largest answer read as a whole: a STAC document
 *       or search page, a provider's JSON or PNG. Larger: refused from its {@code Content-Length}, or cut off when the
 *       bytes pass the limit; the item (or the plan) fails with the reason, no retry</td></tr>
 *   <tr><td>{@value #KEY_MAX_FILE_BYTES}</td><td>256 MiB</td><td>largest file held in memory when a server ignores
 *       {@code Range} and answers 200 with the whole file; larger: refused as above (so a server sending gigabytes
 *       costs one bounded read)</td></tr>
 *   <tr><td>{@value #KEY_MAX_REDIRECTS}</td><td>5</td><td>redirects followed for one request, each hop checked
 *       against the policy; one more fails the request</td></tr>
 * </table>
 *
 * <p>The limits in force for code that is given none ({@link #current()}) are the defaults until the application
 * installs the configured ones at start-up ({@link #install}), as {@link io.eobatch.raster.io.HttpGate} is.
 *
 * @param timeout          deadline of one request, headers, body and redirects together
 * @param maxDocumentBytes largest body read as a whole (documents, API answers)
 * @param maxFileBytes     largest whole file kept when a server ignores {@code Range}
 * @param maxRedirects     redirects followed at most for one request
 */
public record OutboundLimits(Duration timeout, long maxDocumentBytes, long maxFileBytes, int maxRedirects) {

    public static final String KEY_TIMEOUT = "eobatch.http.timeout-s";
    public static final String KEY_MAX_DOCUMENT_BYTES = "eobatch.http.max-document-bytes";
    public static final String KEY_MAX_FILE_BYTES = "eobatch.http.max-file-bytes";
    public static final String KEY_MAX_REDIRECTS = "eobatch.http.max-redirects";

    /** 60 s, 64 MiB, 256 MiB, 5 redirects. */
    public static final OutboundLimits DEFAULTS =
            new OutboundLimits(Duration.ofSeconds(60), 64L << 20, 256L << 20, 5);

    private static volatile OutboundLimits current = DEFAULTS;

    public OutboundLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(KEY_TIMEOUT + " must be positive: " + timeout);
        }
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException(KEY_MAX_DOCUMENT_BYTES + " must be positive: " + maxDocumentBytes);
        }
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(KEY_MAX_FILE_BYTES + " must be 1.." + (Integer.MAX_VALUE - 16)
                    + " (a file held in memory): " + maxFileBytes);
        }
        if (maxDocumentBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(KEY_MAX_DOCUMENT_BYTES + " must be at most " + (Integer.MAX_VALUE - 16)
                    + ": " + maxDocumentBytes);
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException(KEY_MAX_REDIRECTS + " must be 0..20: " + maxRedirects);
        }
    }

    /** These limits with another timeout. */
    public OutboundLimits withTimeout(Duration t) {
        return new OutboundLimits(t, maxDocumentBytes, maxFileBytes, maxRedirects);
    }

    /** The limits in force for code given none: {@link #DEFAULTS} until the application installs its own. */
    public static OutboundLimits current() {
        return current;
    }

    /** Makes {@code limits} the ones in force ({@code null}: the defaults again); returns the previous ones. */
    public static OutboundLimits install(OutboundLimits limits) {
        OutboundLimits previous = current;
        current = limits == null ? DEFAULTS : limits;
        return previous;
    }
}
