package io.eobatch.outbound;

/**
 * An answer whose body is larger than the limit for it: refused from its declared {@code Content-Length} before any
 * byte of the body is read, or cut off (connection dropped) as soon as the bytes received pass the limit. The
 * message names the URL, the limit and the setting that sets it.
 */
public class BodyTooLargeException extends OutboundException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(String message) {
        super(message);
    }
}
