package io.eobatch.stac;

import java.net.URI;

/**
 * A STAC document could not be read or is malformed, or a STAC server answered with an error.
 *
 * <p>The message always names the document (or request) URL and, for malformed documents, the offending field as a
 * JSON path such as {@code properties.datetime} or {@code assets.red.href}. Unchecked, so that it can escape the lazy
 * {@link java.util.Iterator}/{@link java.util.stream.Stream} returned by {@link StacCatalog#search(SearchRequest)}.
 */
public class StacException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient URI url;
    private final String field;
    private final int httpStatus;

    public StacException(URI url, String field, String problem) {
        this(url, field, problem, -1, null);
    }

    public StacException(URI url, String field, String problem, Throwable cause) {
        this(url, field, problem, -1, cause);
    }

    StacException(URI url, String field, String problem, int httpStatus, Throwable cause) {
        super(message(url, field, problem), cause);
        this.url = url;
        this.field = field;
        this.httpStatus = httpStatus;
    }

    /** An HTTP error answer: the message names method, URL and status, and starts the body when there is one. */
    static StacException http(String method, URI url, int status, String body) {
        String excerpt = body == null ? "" : body.strip();
        if (excerpt.length() > 300) {
            excerpt = excerpt.substring(0, 300) + "...";
        }
        String problem = method + " answered HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        return new StacException(url, null, problem, status, null);
    }

    private static String message(URI url, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(url == null ? "<no url>" : url.toString());
        if (field != null) {
            sb.append(": field '").append(field).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The document or request URL the problem was found in (may be null only for documents built in memory). */
    public URI url() {
        return url;
    }

    /** The offending field as a JSON path ({@code properties.datetime}), or null when not about one field. */
    public String field() {
        return field;
    }

    /** The HTTP status of an error answer, or -1 when the problem is not an HTTP error status. */
    public int httpStatus() {
        return httpStatus;
    }
}
